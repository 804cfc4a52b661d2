package fr.cpa.platform.person;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a FranceConnect identity is a registered holder. It is a match only when every criterion holds:
 * <ul>
 *   <li>{@link Criterion#BIRTH_DATE}: the birth dates are equal;</li>
 *   <li>{@link Criterion#FAMILY_NAME}: the family name matches the holder's birth name or usage name
 *       ({@link PersonNames#sameFamilyName});</li>
 *   <li>{@link Criterion#GIVEN_NAMES}: the given names match ({@link PersonNames#sameGivenNames});</li>
 *   <li>{@link Criterion#BIRTH_PLACE}: the place the NIR carries agrees — born in France: the birth country is
 *       France and the communes are the same ({@link BirthPlaces#sameCommune}); born abroad: the birth country is
 *       the NIR's. When the NIR is temporary or its place unknown, the place is not checked and is reported in
 *       {@link #unchecked()};</li>
 *   <li>{@link Criterion#GENDER}: the NIR's sex is the gender;</li>
 *   <li>{@link Criterion#NIR_BIRTH_DATE}: the NIR's year and month of birth agree with the birth date
 *       ({@link Nir#consistentWith}).</li>
 * </ul>
 * Every criterion is evaluated, so {@link #failed()} lists all that failed. The result names criteria only, never
 * a value: it can be logged.
 */
public final class PivotMatch {

    /** What is compared. */
    public enum Criterion {
        BIRTH_DATE,
        FAMILY_NAME,
        GIVEN_NAMES,
        BIRTH_PLACE,
        GENDER,
        NIR_BIRTH_DATE
    }

    /**
     * What a holder registered: birth name, usage name (null or blank when none), given names, birth date and NIR.
     * {@link #toString()} shows nothing.
     */
    public record Candidate(String birthName, String usageName, String givenNames, LocalDate birthDate, Nir nir) {

        public Candidate {
            Objects.requireNonNull(birthName, "birthName");
            Objects.requireNonNull(givenNames, "givenNames");
            Objects.requireNonNull(birthDate, "birthDate");
            Objects.requireNonNull(nir, "nir");
            usageName = usageName == null || usageName.isBlank() ? null : usageName;
        }

        @Override
        public String toString() {
            return "Candidate[***]";
        }
    }

    private final Set<Criterion> failed;
    private final Set<Criterion> unchecked;

    private PivotMatch(Set<Criterion> failed, Set<Criterion> unchecked) {
        this.failed = Collections.unmodifiableSet(failed);
        this.unchecked = Collections.unmodifiableSet(unchecked);
    }

    /** Compares a FranceConnect identity with a holder's registration. */
    public static PivotMatch of(PivotIdentity pivot, Candidate candidate) {
        Objects.requireNonNull(pivot, "pivot");
        Objects.requireNonNull(candidate, "candidate");
        Set<Criterion> failed = EnumSet.noneOf(Criterion.class);
        Set<Criterion> unchecked = EnumSet.noneOf(Criterion.class);
        Nir nir = candidate.nir();
        if (!pivot.birthDate().equals(candidate.birthDate())) {
            failed.add(Criterion.BIRTH_DATE);
        }
        if (!PersonNames.sameFamilyName(pivot.familyName(), candidate.birthName())
                && (candidate.usageName() == null
                    || !PersonNames.sameFamilyName(pivot.familyName(), candidate.usageName()))) {
            failed.add(Criterion.FAMILY_NAME);
        }
        if (!PersonNames.sameGivenNames(pivot.givenNames(), candidate.givenNames())) {
            failed.add(Criterion.GIVEN_NAMES);
        }
        NirBirthPlace place = nir.birthPlace();
        if (place instanceof NirBirthPlace.InFrance inFrance) {
            if (!pivot.bornInFrance() || !BirthPlaces.sameCommune(inFrance.commune(), pivot.birthPlace())) {
                failed.add(Criterion.BIRTH_PLACE);
            }
        } else if (place instanceof NirBirthPlace.Abroad abroad) {
            if (!abroad.country().equals(pivot.birthCountry())) {
                failed.add(Criterion.BIRTH_PLACE);
            }
        } else {
            unchecked.add(Criterion.BIRTH_PLACE);
        }
        if (nir.gender() != pivot.gender()) {
            failed.add(Criterion.GENDER);
        }
        if (!nir.consistentWith(pivot.birthDate())) {
            failed.add(Criterion.NIR_BIRTH_DATE);
        }
        return new PivotMatch(failed, unchecked);
    }

    /** True when no criterion failed. */
    public boolean matches() {
        return failed.isEmpty();
    }

    /** The criteria that failed; empty for a match. */
    public Set<Criterion> failed() {
        return failed;
    }

    /** The criteria that could not be checked (the birth place of a temporary NIR or one whose place is unknown). */
    public Set<Criterion> unchecked() {
        return unchecked;
    }

    /** Criteria only, safe for a log line: {@code PivotMatch[MATCH]} or {@code PivotMatch[NO_MATCH [GENDER]]}. */
    @Override
    public String toString() {
        String text = matches() ? "MATCH" : "NO_MATCH " + failed;
        return "PivotMatch[" + text + (unchecked.isEmpty() ? "" : ", unchecked " + unchecked) + "]";
    }
}
