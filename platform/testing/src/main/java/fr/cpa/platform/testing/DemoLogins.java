package fr.cpa.platform.testing;

/**
 * The demo clients and users of the local realms (deploy/keycloak/README.md). Secrets can be overridden with the
 * same environment variables the realm files read, so tests follow a stack configured differently.
 */
public final class DemoLogins {

    public static final String EMPLOYER_CLIENT = "demo-employer";
    public static final String OTHER_EMPLOYER_CLIENT = "demo-employer-2";
    /** An employer with the claim employer_sector PUBLIC: its declarations are public-service years. */
    public static final String PUBLIC_EMPLOYER_CLIENT = "demo-public-employer";
    public static final String TRAINING_ORG_CLIENT = "demo-training-org";
    public static final String OTHER_TRAINING_ORG_CLIENT = "demo-training-org-2";
    public static final String FUNDER_CLIENT = "demo-funder";
    public static final String OTHER_FUNDER_CLIENT = "demo-funder-2";
    public static final String ADVISOR_CLIENT = "demo-advisor";
    public static final String OPERATOR_CLIENT = "demo-operator";
    /** A client whose tokens live a few seconds, for tests of expired tokens. */
    public static final String SHORT_LIVED_CLIENT = "cpa-tests-short-lived";
    /** A public test client whose logins say acr=eidas2, as FranceConnect+ at eIDAS substantial. */
    public static final String STRONG_LOGIN_CLIENT = "cpa-tests-eidas2";

    /** Demo holders log in with their NIR, as on the national site; these are made-up but valid numbers. */
    public static final String HOLDER1_USERNAME = "185057511604218";
    public static final String HOLDER1_PASSWORD = password("HOLDER1", "Holder1-Pass123");
    public static final String HOLDER2_USERNAME = "290116912301787";
    public static final String HOLDER2_PASSWORD = password("HOLDER2", "Holder2-Pass123");
    public static final String OPERATOR_USERNAME = "operator1";
    public static final String OPERATOR_PASSWORD = password("OPERATOR1", "Odile-Pass123");

    /** The FranceConnect simulator's test client and a person of that realm. */
    public static final String FC_TEST_CLIENT = "fc-tests";
    public static final String FC_USER = "julien.martin";
    public static final String FC_PASSWORD = password("FC_USERS", "Fc-Pass123");

    private DemoLogins() {
    }

    public static String secretOf(String clientId) {
        String fromEnv = System.getenv("CPA_SECRET_" + clientId.toUpperCase().replace('-', '_'));
        if (fromEnv != null) {
            return fromEnv;
        }
        // The realm files' default: the client id followed by "-secret".
        return clientId + "-secret";
    }

    private static String password(String user, String fallback) {
        String fromEnv = System.getenv("CPA_PASSWORD_" + user);
        return fromEnv == null ? fallback : fromEnv;
    }
}
