package fr.cpa.enrolment.persistence;

import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import fr.cpa.enrolment.domain.funding.AvailableFunds;
import fr.cpa.enrolment.domain.funding.FundingPlan;

/** The JSON columns of an application: its funding plan and the funds it was computed from. */
public final class PlanJson {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
    };

    private PlanJson() {
    }

    public static Map<String, Object> of(Object value) {
        return JSON.convertValue(value, TREE);
    }

    public static FundingPlan plan(TrainingApplication application) {
        return JSON.convertValue(application.plan, FundingPlan.class);
    }

    public static AvailableFunds funds(TrainingApplication application) {
        return JSON.convertValue(application.funds, AvailableFunds.class);
    }
}
