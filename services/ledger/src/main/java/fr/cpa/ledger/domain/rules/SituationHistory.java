package fr.cpa.ledger.domain.rules;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a holder told identity about their situation over time (employment status, diploma level, apprenticeship),
 * oldest first, and what it means for the rules of a given year. Without any, a person is a private-sector employee
 * whose low qualification only the employer's declaration tells.
 */
public record SituationHistory(List<Situation> situations) {

    /**
     * @param from the day the situation was recorded
     * @param employmentStatus EMPLOYEE, JOB_SEEKER, JOB_SEEKER_CSP, PUBLIC_SERVANT, SELF_EMPLOYED, ESAT_WORKER, RETIRED
     *        or null
     * @param diplomaLevel NONE or LEVEL_1 … LEVEL_8 (2019 nomenclature), or null when not given
     */
    public record Situation(LocalDate from, String employmentStatus, String diplomaLevel, boolean apprenticeship) {
    }

    public static final SituationHistory UNKNOWN = new SituationHistory(List.of());

    public SituationHistory {
        situations = situations.stream().sorted(Comparator.comparing(Situation::from)).toList();
    }

    /**
     * The person as the rules of the year see them: retired from the day they said so, apprentice when they said so by
     * the end of the year (an employer's apprenticeship contract says it too: {@code apprenticeDeclared}).
     */
    public Holder applyTo(Holder holder, int year, boolean apprenticeDeclared) {
        Holder seen = retiredOn().map(holder::retiredOn).orElse(holder);
        return apprenticeBy(year) || apprenticeDeclared ? seen.withApprenticeship() : seen;
    }

    /** The population whose rules apply to the year: the status held at its end. */
    public Population populationIn(int year) {
        return at(LocalDate.of(year, 12, 31)).map(s -> switch (String.valueOf(s.employmentStatus())) {
            case "PUBLIC_SERVANT" -> Population.PUBLIC_SERVANT;
            case "ESAT_WORKER" -> Population.ESAT_WORKER;
            default -> Population.PRIVATE_EMPLOYEE;
        }).orElse(Population.PRIVATE_EMPLOYEE);
    }

    /**
     * Whether the diploma level held on 1 January of the year is below the threshold: a diploma reached during a
     * year ends the higher rate only from the next one. A level told only later is taken as the earlier one too (a
     * diploma level never goes down, so it is at most what it was).
     */
    public boolean belowDiplomaLevel(int year, int threshold) {
        LocalDate start = LocalDate.of(year, 1, 1);
        Optional<String> level = situations.stream().filter(s -> s.diplomaLevel() != null && !s.from().isAfter(start))
                .reduce((a, b) -> b).or(() -> situations.stream().filter(s -> s.diplomaLevel() != null).findFirst())
                .map(Situation::diplomaLevel);
        return level.map(l -> levelNumber(l) < threshold).orElse(false);
    }

    /** The day the holder said they retired (all retirement rights claimed), if they did. */
    public Optional<LocalDate> retiredOn() {
        return situations.stream().filter(s -> "RETIRED".equals(s.employmentStatus())).map(Situation::from).findFirst();
    }

    /** Whether the holder declared an apprenticeship contract by the end of the year. */
    public boolean apprenticeBy(int year) {
        LocalDate end = LocalDate.of(year, 12, 31);
        return situations.stream().anyMatch(s -> s.apprenticeship() && !s.from().isAfter(end));
    }

    private Optional<Situation> at(LocalDate date) {
        return situations.stream().filter(s -> !s.from().isAfter(date)).reduce((a, b) -> b);
    }

    private static int levelNumber(String level) {
        return level.startsWith("LEVEL_") ? Integer.parseInt(level.substring("LEVEL_".length())) : 0;
    }
}
