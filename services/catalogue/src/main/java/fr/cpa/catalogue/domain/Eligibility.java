package fr.cpa.catalogue.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import fr.cpa.catalogue.domain.EligibilityScope.CecRights;
import fr.cpa.catalogue.domain.HolderProfiles.HolderProfile;
import fr.cpa.platform.rules.RuleBook;

/**
 * Which trainings a holder may buy on a date, from the dated rules in {@code rules/eligibility.json}. Until 2018 a
 * certifying training had to be on one of the holder's lists, which depend on their situation (seeds 003):
 * an employee has the national list, their branch's and their region of work's (employees); a job seeker the national
 * list and their region of residence's (job seekers); a person in CSP both of those and the branch they left. Other
 * situations have the national list. Since 2019 registration in the RNCP or the RS is enough. The special kinds
 * (VAE support, socle, bilan, driving licence B, business creation) count on their own, volunteers' trainings only
 * with CEC rights.
 */
@ApplicationScoped
public class Eligibility {

    private final RuleBook rules = RuleBook.load("rules/eligibility.json");

    public EligibilityScope scope(Optional<HolderProfile> profile, LocalDate on, CecRights cecRights) {
        boolean byLists = inForce("eligibility-by-lists", on);
        boolean byRegister = inForce("eligibility-by-register", on);
        boolean quality = rules.parameter("eligibility-quality-certification").at(on)
                .map(value -> value.value() == 1).orElse(false);
        String status = profile.map(HolderProfile::employmentStatus).orElse(null);
        String idcc = profile.map(HolderProfile::branchIdcc).orElse(null);
        String employeeRegion = null;
        String jobSeekerRegion = null;
        List<String> branches = List.of();
        if (status != null) {
            switch (status) {
                case "EMPLOYEE" -> {
                    employeeRegion = profile.get().workRegion();
                    branches = idcc == null ? List.of() : List.of(idcc);
                }
                case "JOB_SEEKER" -> jobSeekerRegion = profile.get().residenceRegion();
                case "JOB_SEEKER_CSP" -> {
                    jobSeekerRegion = profile.get().residenceRegion();
                    branches = idcc == null ? List.of() : List.of(idcc);
                }
                default -> {
                    // The national list only.
                }
            }
        }
        return new EligibilityScope(on, status, byLists, byRegister, quality, branches, employeeRegion,
                jobSeekerRegion, cecRights);
    }

    private boolean inForce(String parameter, LocalDate on) {
        return rules.parameter(parameter).at(on).isPresent();
    }
}
