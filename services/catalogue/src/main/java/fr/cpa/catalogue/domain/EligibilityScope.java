package fr.cpa.catalogue.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * Which trainings a holder may buy with their rights on a date, as the dated rules say ("Using the rights" in the
 * domain rules): shown in the answer, so the holder sees why a training is or is not there.
 *
 * @param employmentStatus the situation the lists depend on (null: identity has not told us yet)
 * @param byLists certifications count when on one of the lists below (2015–2018)
 * @param byRegister certifications count when in force in the RNCP or the Répertoire spécifique (since 2019)
 * @param qualityCertificationRequired only organisations certified Qualiopi on that date (since 2022)
 * @param branchIdccs branch lists: the employee's branch, or the branch a person in CSP left
 * @param employeeRegion regional list for employees: the region of work
 * @param jobSeekerRegion regional list for job seekers: the region of residence
 * @param cecRights whether volunteers' trainings, funded by the CEC only, count
 */
public record EligibilityScope(LocalDate on, String employmentStatus, boolean byLists, boolean byRegister,
        boolean qualityCertificationRequired, List<String> branchIdccs, String employeeRegion, String jobSeekerRegion,
        CecRights cecRights) {

    public enum CecRights {
        YES,
        NO,
        /** The ledger could not be asked: volunteers' trainings are left out rather than promised. */
        UNKNOWN
    }
}
