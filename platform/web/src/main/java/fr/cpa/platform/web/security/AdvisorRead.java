package fr.cpa.platform.web.security;

/**
 * What an advisor reads of a holder's data, by name: the consent scope that covers it and how the holder's access log
 * shows it. A consent check names one of these, never free text, so that no caller can write what it likes in a
 * holder's log. A service that lets advisors read something new adds it here.
 */
public enum AdvisorRead {

    ACCOUNTS("rights", "GET /api/ledger/holders/{holderId}/accounts"),
    ACCOUNT_ENTRIES("rights", "GET /api/ledger/holders/{holderId}/accounts/{kind}/entries"),
    APPLICATIONS("applications", "GET /api/enrolment/holders/{holderId}/applications"),
    APPLICATION("applications", "GET /api/enrolment/holders/{holderId}/applications/{id}"),
    TOP_UP_REQUEST("applications", "POST /api/enrolment/holders/{holderId}/applications/{id}/top-up-requests");

    private final String scope;
    private final String resource;

    AdvisorRead(String scope, String resource) {
        this.scope = scope;
        this.resource = resource;
    }

    /** The consent scope (rights, project, applications, payslips) that must be granted. */
    public String scope() {
        return scope;
    }

    /** What the holder's access log shows. */
    public String resource() {
        return resource;
    }
}
