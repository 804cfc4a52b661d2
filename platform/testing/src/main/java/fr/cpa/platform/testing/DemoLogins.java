package fr.cpa.platform.testing;

import java.util.Map;

/**
 * The demo clients and users of the local realms (deploy/keycloak/README.md). Secrets can be overridden with the
 * same environment variables the realm files read, so tests follow a stack configured differently.
 */
public final class DemoLogins {

    public static final String EMPLOYER_CLIENT = "demo-employer";
    public static final String OTHER_EMPLOYER_CLIENT = "demo-employer-2";
    public static final String TRAINING_ORG_CLIENT = "demo-training-org";
    public static final String FUNDER_CLIENT = "demo-funder";
    public static final String ADVISOR_CLIENT = "demo-advisor";
    public static final String OPERATOR_CLIENT = "demo-operator";
    /** A client whose tokens live a few seconds, for tests of expired tokens. */
    public static final String SHORT_LIVED_CLIENT = "cpa-tests-short-lived";

    public static final String HOLDER1_USERNAME = "PLACEHOLDER";
    public static final String HOLDER1_PASSWORD = "PLACEHOLDER";
    public static final String HOLDER2_USERNAME = "PLACEHOLDER";
    public static final String HOLDER2_PASSWORD = "PLACEHOLDER";

    /** The FranceConnect simulator's test client and a person of that realm. */
    public static final String FC_TEST_CLIENT = "fc-tests";
    public static final String FC_USER = "PLACEHOLDER";
    public static final String FC_PASSWORD = "PLACEHOLDER";

    private static final Map<String, String> DEFAULT_SECRETS = Map.of();

    private DemoLogins() {
    }

    public static String secretOf(String clientId) {
        String variable = "CPA_SECRET_" + clientId.toUpperCase().replace('-', '_');
        String fromEnv = System.getenv(variable);
        if (fromEnv != null) {
            return fromEnv;
        }
        String secret = DEFAULT_SECRETS.get(clientId);
        if (secret == null) {
            throw new IllegalArgumentException("no demo secret known for client " + clientId);
        }
        return secret;
    }
}
