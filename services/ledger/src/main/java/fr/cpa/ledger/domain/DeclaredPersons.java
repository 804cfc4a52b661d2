package fr.cpa.ledger.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import fr.cpa.platform.person.Nir;
import fr.cpa.platform.person.PersonKeys;

/**
 * The persons that employers' and civic-engagement declarations name by NIR. The ledger keeps only their person key,
 * and opens their accounts on the first declaration, so that rights accrue before the person ever registers.
 */
@ApplicationScoped
public class DeclaredPersons {

    /** A person as a declaration names them, without the NIR: their key and the birth date the NIR suggests. */
    public record DeclaredPerson(String personKey, LocalDate approximateBirthDate) {
    }

    // Only to choose the NIR's century: nobody declared for work or civic engagement is younger than this (not a
    // legal figure).
    private static final int MIN_DECLARED_AGE = 14;

    private final PersonKeys personKeys;
    private final Accounts accounts;

    DeclaredPersons(PersonKeys personKeys, Accounts accounts) {
        this.personKeys = personKeys;
        this.accounts = accounts;
    }

    /** The person a declaration for {@code declaredYear} names. */
    public DeclaredPerson of(Nir nir, int declaredYear) {
        return new DeclaredPerson(personKeys.of(nir), approximateBirthDate(nir, declaredYear));
    }

    /**
     * Opens the persons' accounts where missing and notes their approximate birth dates where none is known; when a
     * person comes twice, the first date is kept.
     */
    @Transactional(TxType.MANDATORY)
    public void open(Collection<DeclaredPerson> persons) {
        Map<String, LocalDate> birthDates = new LinkedHashMap<>();
        for (DeclaredPerson person : persons) {
            birthDates.putIfAbsent(person.personKey(), person.approximateBirthDate());
        }
        accounts.openDeclared(birthDates);
    }

    /**
     * The first day of the NIR's month of birth (January when the month is unknown). The NIR gives the year without
     * its century: the century is the one that makes the person old enough in the declared year.
     */
    static LocalDate approximateBirthDate(Nir nir, int declaredYear) {
        int yy = Integer.parseInt(nir.value().substring(1, 3));
        int year = 2000 + yy <= declaredYear - MIN_DECLARED_AGE ? 2000 + yy : 1900 + yy;
        return LocalDate.of(year, nir.birthMonth().orElse(1), 1);
    }
}
