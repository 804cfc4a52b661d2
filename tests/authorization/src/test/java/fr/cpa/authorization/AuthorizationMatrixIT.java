package fr.cpa.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.platform.testing.DemoLogins;
import fr.cpa.platform.testing.ServiceProcess;
import fr.cpa.platform.testing.Tokens;

/**
 * The function-level authorisation matrix (OWASP API5): every operation of the gateway's OpenAPI document, called
 * through the gateway in front of the packaged services as no one, a holder, another holder, each machine role and an
 * advisor without the holder's consent. Each answer is classed — 401, 403, or passed (anything else but a 5xx, which
 * fails the test: a request that passes the function's gate then meets the object's, with ids that name nothing, or
 * the body's, with an empty body) — and checked against {@link #EXPECTED}. An operation without a row fails the
 * test: a new endpoint is not done until someone decided who may call it.
 */
class AuthorizationMatrixIT {

    /** The callers, in the order of a row. */
    enum Who {
        ANONYMOUS, HOLDER, OTHER_HOLDER, EMPLOYER, TRAINING_ORG, FUNDER, ADVISOR, OPERATOR
    }

    /**
     * Who passes each operation's gate. A row lists the callers that pass; an unlisted caller is refused, with 401
     * when anonymous and 403 otherwise; {@code caller:401} names another refusal (a holder's password login where a
     * strong login is needed).
     * Path parameters: {@code {holderId}} is the holder's id, {@code {siret}} the demo training organisation's, other
     * ids are new random ones.
     */
    private static final Map<String, String> EXPECTED = new TreeMap<>();
    private static final String EVERYONE =
            "anonymous holder other-holder employer training-org funder advisor operator";

    static {
        EXPECTED.put("DELETE /api/enrolment/webhooks/{id}", "employer training-org funder");
        EXPECTED.put("DELETE /api/identity/me/consents/{consentId}", "holder other-holder");
        EXPECTED.put("GET /api/catalogue/certifications/{code}", EVERYONE);
        EXPECTED.put("GET /api/catalogue/imports/{id}", "training-org");
        EXPECTED.put("GET /api/catalogue/offers", EVERYONE);
        EXPECTED.put("GET /api/catalogue/offers/{id}", EVERYONE);
        EXPECTED.put("GET /api/catalogue/offers/{id}/eligibility", "holder other-holder");
        EXPECTED.put("GET /api/catalogue/organisations/{siret}", EVERYONE);
        EXPECTED.put("GET /api/enrolment/applications", "holder other-holder");
        EXPECTED.put("GET /api/enrolment/applications/quote", "holder other-holder");
        EXPECTED.put("GET /api/enrolment/applications/{id}", "holder other-holder");
        EXPECTED.put("GET /api/enrolment/employer/requests", "employer");
        EXPECTED.put("GET /api/enrolment/employer/requests/{id}", "employer");
        EXPECTED.put("GET /api/enrolment/holders/{holderId}/applications", "");
        EXPECTED.put("GET /api/enrolment/holders/{holderId}/applications/{id}", "");
        EXPECTED.put("GET /api/enrolment/me/export", "holder other-holder");
        EXPECTED.put("GET /api/enrolment/operations/applications/{id}", "operator");
        EXPECTED.put("GET /api/enrolment/organisation/applications", "training-org");
        EXPECTED.put("GET /api/enrolment/organisation/applications/{id}", "training-org");
        EXPECTED.put("GET /api/enrolment/partners/me/contact", "employer training-org");
        EXPECTED.put("GET /api/enrolment/top-up-requests", "employer funder");
        EXPECTED.put("GET /api/enrolment/top-up-requests/{id}", "employer funder");
        EXPECTED.put("GET /api/enrolment/webhooks", "employer training-org funder");
        EXPECTED.put("GET /api/enrolment/webhooks/{id}", "employer training-org funder");
        EXPECTED.put("GET /api/enrolment/webhooks/{id}/deliveries", "employer training-org funder");
        EXPECTED.put("GET /api/identity/me", "holder other-holder");
        EXPECTED.put("GET /api/identity/me/access-log", "holder other-holder");
        EXPECTED.put("GET /api/identity/me/consents", "holder other-holder");
        EXPECTED.put("GET /api/identity/me/export", "holder other-holder");
        EXPECTED.put("GET /api/ledger/accrual-runs/{year}", "operator");
        EXPECTED.put("GET /api/ledger/cec-declarations/{id}", "funder operator");
        EXPECTED.put("GET /api/ledger/declarations/batches/{id}", "employer");
        EXPECTED.put("GET /api/ledger/declarations/{id}", "employer");
        EXPECTED.put("GET /api/ledger/holders/{holderId}/accounts", "");
        EXPECTED.put("GET /api/ledger/holders/{holderId}/accounts/{kind}/entries", "");
        EXPECTED.put("GET /api/ledger/me/accounts", "holder other-holder");
        EXPECTED.put("GET /api/ledger/me/accounts/{kind}/entries", "holder other-holder");
        EXPECTED.put("GET /api/ledger/me/dif", "holder other-holder");
        EXPECTED.put("GET /api/ledger/me/dif/justification", "holder other-holder");
        EXPECTED.put("GET /api/ledger/me/funding", "holder other-holder");
        EXPECTED.put("GET /api/ledger/me/simulation", "holder other-holder");
        EXPECTED.put("GET /api/ledger/top-ups/{id}", "employer funder");
        EXPECTED.put("PATCH /api/identity/me", "holder other-holder");
        EXPECTED.put("POST /api/catalogue/imports", "training-org");
        EXPECTED.put("POST /api/catalogue/offers", "training-org");
        EXPECTED.put("POST /api/catalogue/offers/{id}/withdrawal", "training-org");
        EXPECTED.put("POST /api/enrolment/applications", "holder other-holder");
        EXPECTED.put("POST /api/enrolment/applications/{id}/cancellation", "holder other-holder");
        // Confirming needs a strong login (FranceConnect+): a password login is 401 strong-login-required.
        EXPECTED.put("POST /api/enrolment/applications/{id}/confirmation", "holder:401 other-holder:401");
        EXPECTED.put("POST /api/enrolment/applications/{id}/top-up-requests", "holder other-holder");
        EXPECTED.put("POST /api/enrolment/employer/requests/{id}/decision", "employer");
        EXPECTED.put("POST /api/enrolment/funded-applications/{id}/cancellation", "funder");
        // The empty body is refused (400) before the consent is asked; with a body, no consent is 403.
        EXPECTED.put("POST /api/enrolment/holders/{holderId}/applications/{id}/top-up-requests", "advisor");
        EXPECTED.put("POST /api/enrolment/operations/deadline-runs", "operator");
        EXPECTED.put("POST /api/enrolment/organisation/applications/{id}/cancellation", "training-org");
        EXPECTED.put("POST /api/enrolment/organisation/applications/{id}/completion", "training-org");
        EXPECTED.put("POST /api/enrolment/organisation/applications/{id}/entry", "training-org");
        EXPECTED.put("POST /api/enrolment/organisation/applications/{id}/no-show", "training-org");
        EXPECTED.put("POST /api/enrolment/organisation/applications/{id}/proposal", "training-org");
        EXPECTED.put("POST /api/enrolment/organisation/applications/{id}/refusal", "training-org");
        EXPECTED.put("POST /api/enrolment/top-up-requests/{id}/refusal", "employer funder");
        EXPECTED.put("POST /api/enrolment/webhooks", "employer training-org funder");
        EXPECTED.put("POST /api/enrolment/webhooks/{id}/deliveries/{deliveryId}/replay",
                "employer training-org funder");
        EXPECTED.put("POST /api/enrolment/webhooks/{id}/secret", "employer training-org funder");
        EXPECTED.put("POST /api/identity/deaths", "operator");
        EXPECTED.put("POST /api/identity/email-changes/confirmations", EVERYONE);
        // Only a first FranceConnect login may ask (403 not-franceconnect for the others).
        EXPECTED.put("POST /api/identity/franceconnect/links", "");
        EXPECTED.put("POST /api/identity/me/closure", "holder other-holder");
        EXPECTED.put("POST /api/identity/me/consents", "holder other-holder");
        EXPECTED.put("POST /api/identity/me/email-changes", "holder other-holder");
        EXPECTED.put("POST /api/identity/operations/nir-reencryptions", "operator");
        EXPECTED.put("POST /api/identity/password-resets", EVERYONE);
        EXPECTED.put("POST /api/identity/password-resets/confirmations", EVERYONE);
        // Public: registration, validation, password reset and e-mail change confirmation carry their own proof.
        EXPECTED.put("POST /api/identity/registrations", EVERYONE);
        EXPECTED.put("POST /api/identity/registrations/validation-mails", EVERYONE);
        EXPECTED.put("POST /api/identity/registrations/validations", EVERYONE);
        EXPECTED.put("POST /api/ledger/accrual-runs", "operator");
        // The empty body is refused (400) before the certified activity is compared; CecDeclarationTest has the 403.
        EXPECTED.put("POST /api/ledger/cec-declarations", "funder operator");
        EXPECTED.put("POST /api/ledger/declarations", "employer");
        EXPECTED.put("POST /api/ledger/declarations/batches", "employer");
        EXPECTED.put("POST /api/ledger/me/cpp/conversions", "holder other-holder");
        EXPECTED.put("POST /api/ledger/top-ups", "employer funder");
        EXPECTED.put("PUT /api/catalogue/offers/{id}", "training-org");
        EXPECTED.put("PUT /api/catalogue/organisations/{siret}", "training-org");
        EXPECTED.put("PUT /api/enrolment/partners/me/contact", "employer training-org");
        EXPECTED.put("PUT /api/ledger/me/dif", "holder other-holder");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TRAINING_ORG_SIRET = "91234567500017";
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static ServiceProcess gateway;
    private static final Map<Who, String> TOKENS = new LinkedHashMap<>();
    private static String holderId;

    @BeforeAll
    static void startThePlatform() {
        ServiceProcess identity = start("identity", Map.of());
        ServiceProcess ledger = start("ledger", Map.of("cpa.advisor-access.identity-url", identity.url()));
        ServiceProcess catalogue = start("catalogue", Map.of("quarkus.rest-client.ledger.url", ledger.url()));
        ServiceProcess enrolment = start("enrolment", Map.of("quarkus.rest-client.ledger.url", ledger.url(),
                "quarkus.rest-client.catalogue.url", catalogue.url(), "cpa.advisor-access.identity-url",
                identity.url()));
        gateway = start("gateway", Map.of("cpa.gateway.routes.identity.url", identity.url(),
                "cpa.gateway.routes.ledger.url", ledger.url(), "cpa.gateway.routes.catalogue.url", catalogue.url(),
                "cpa.gateway.routes.enrolment.url", enrolment.url(), "cpa.gateway.rate-limit.enabled", "false"));
        TOKENS.put(Who.HOLDER, Tokens.forUser(DemoLogins.HOLDER1_USERNAME, DemoLogins.HOLDER1_PASSWORD));
        TOKENS.put(Who.OTHER_HOLDER, Tokens.forUser(DemoLogins.HOLDER2_USERNAME, DemoLogins.HOLDER2_PASSWORD));
        TOKENS.put(Who.EMPLOYER, Tokens.forClient(DemoLogins.EMPLOYER_CLIENT));
        TOKENS.put(Who.TRAINING_ORG, Tokens.forClient(DemoLogins.TRAINING_ORG_CLIENT));
        TOKENS.put(Who.FUNDER, Tokens.forClient(DemoLogins.FUNDER_CLIENT));
        TOKENS.put(Who.ADVISOR, Tokens.forClient(DemoLogins.ADVISOR_CLIENT));
        TOKENS.put(Who.OPERATOR, Tokens.forClient(DemoLogins.OPERATOR_CLIENT));
        holderId = Tokens.claims(TOKENS.get(Who.HOLDER)).path("sub").asText();
    }

    private static ServiceProcess start(String name, Map<String, String> config) {
        ServiceProcess service = ServiceProcess.start(name, config, Duration.ofSeconds(180));
        SERVICES.add(service);
        return service;
    }

    @AfterAll
    static void stopThePlatform() {
        SERVICES.forEach(ServiceProcess::close);
    }

    @Test
    void everyOperationAnswersEachCallerAsTheTableSays() throws IOException, InterruptedException {
        JsonNode paths = JSON.readTree(send("GET", gateway.url() + "/openapi", null, null).body()).path("paths");
        Map<String, String> observed = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> described = methods.next();
                String method = described.getKey().toUpperCase();
                // The body's first declared media type, empty: a body the gate lets through is then refused as
                // invalid (400), never as of the wrong type (415) before the gate was even reached.
                Iterator<String> mediaTypes = described.getValue().path("requestBody").path("content").fieldNames();
                String mediaType = mediaTypes.hasNext() ? mediaTypes.next() : null;
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                String operation = method + " " + path.getKey();
                Map<Who, String> row = new LinkedHashMap<>();
                for (Who who : Who.values()) {
                    HttpResponse<String> answer = send(method, gateway.url() + concrete(path.getKey()),
                            TOKENS.get(who), mediaType);
                    if (answer.statusCode() >= 500) {
                        errors.add(operation + " as " + who + ": " + answer.statusCode());
                    }
                    row.put(who, outcome(answer.statusCode()));
                }
                observed.put(operation, describe(row));
                Map<Who, String> expected = expected(EXPECTED.get(operation));
                if (!row.equals(expected)) {
                    mismatches.add(operation + "\n    expected " + expected + "\n    observed " + row);
                }
            }
        }
        assertEquals(List.of(), errors, "no caller may get a 5xx");
        Set<String> stale = new TreeSet<>(EXPECTED.keySet());
        stale.removeAll(observed.keySet());
        assertEquals(Set.of(), stale, "rows for operations the OpenAPI document no longer has");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " operations answer otherwise than the table says "
                + "(a new operation needs a row; observed rows below):\n" + String.join("\n", mismatches)
                + "\n\nObserved, as rows:\n" + rows(observed));
        assertTrue(observed.size() > 50, "the document lists the platform's operations: " + observed.size());
    }

    /** Path parameters replaced: the holder's id, the demo organisation's SIRET, an account kind, new ids. */
    private static String concrete(String template) {
        return template.replace("{holderId}", holderId).replace("{siret}", TRAINING_ORG_SIRET)
                .replace("{kind}", "cpf").replace("{year}", "2025")
                .replaceAll("\\{[^}]+\\}", UUID.randomUUID().toString());
    }

    /**
     * 401 and 403 are the function's gate; 415 would mean the gate was never reached. Anything else passed it: a 404
     * included, since whether the caller's own object exists depends on what ran before (each service's tests prove
     * with real objects that another's are not found).
     */
    private static String outcome(int status) {
        return status == 401 || status == 403 || status == 415 ? String.valueOf(status) : "pass";
    }

    /** A row's expectation: listed callers pass (or get the status they name), others 401 or 403. */
    private static Map<Who, String> expected(String spec) {
        Map<Who, String> row = new LinkedHashMap<>();
        for (Who who : Who.values()) {
            row.put(who, who == Who.ANONYMOUS ? "401" : "403");
        }
        if (spec == null) {
            row.replaceAll((who, outcome) -> "(no row)");
            return row;
        }
        for (String entry : spec.trim().split("\\s+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":");
            row.put(Who.valueOf(parts[0].toUpperCase().replace('-', '_')), parts.length > 1 ? parts[1] : "pass");
        }
        return row;
    }

    private static String describe(Map<Who, String> row) {
        StringBuilder spec = new StringBuilder();
        row.forEach((who, outcome) -> {
            String byDefault = who == Who.ANONYMOUS ? "401" : "403";
            if (!outcome.equals(byDefault)) {
                String name = who.name().toLowerCase().replace('_', '-');
                spec.append(spec.length() == 0 ? "" : " ").append(outcome.equals("pass") ? name : name + ":" + outcome);
            }
        });
        return spec.toString();
    }

    private static String rows(Map<String, String> observed) {
        StringBuilder rows = new StringBuilder();
        observed.forEach((operation, spec) -> rows.append("        EXPECTED.put(\"").append(operation)
                .append("\", \"").append(spec).append("\");\n"));
        return rows.toString();
    }

    private static HttpResponse<String> send(String method, String url, String token, String mediaType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (mediaType != null) {
            request.header("Content-Type", mediaType).method(method,
                    HttpRequest.BodyPublishers.ofString(mediaType.contains("json") ? "{}" : ""));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
