package fr.cpa.enrolment.domain.notices;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.cpa.enrolment.domain.lifecycle.ApplicationState;
import fr.cpa.enrolment.domain.lifecycle.ApplicationStepped;
import fr.cpa.enrolment.domain.lifecycle.TopUpRequests.TopUpRequestChanged;
import fr.cpa.enrolment.persistence.TopUpRequest;
import fr.cpa.enrolment.persistence.TrainingApplication;
import fr.cpa.platform.webhooks.WebhookEventTypes;
import fr.cpa.platform.webhooks.Webhooks;

/**
 * Partners' webhooks at each step, queued in the step's transaction (platform webhooks outbox): the organisation
 * (by its SIRET) at each step of an application for its sessions, as {@code application.<state>}; the funder (by its
 * client id) or the employer asked for a top-up (by its SIRET) at each change of the request, as
 * {@code top-up-request.<status>}. Payloads carry ids, states and times, never the holder's NIR, name or address:
 * partners read the rest through the API.
 */
@ApplicationScoped
public class WebhookNotices {

    /** The types an organisation may subscribe to: one per state. */
    public static final List<String> APPLICATION_TYPES = java.util.Arrays.stream(ApplicationState.values())
            .map(WebhookNotices::applicationType).toList();
    /** The types a funder or an employer may subscribe to: one per status of a request. */
    public static final List<String> TOP_UP_REQUEST_TYPES = List.of("PENDING", "ANSWERED", "DECLINED", "WITHDRAWN")
            .stream().map(WebhookNotices::topUpRequestType).toList();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Webhooks webhooks;

    WebhookNotices(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Produces
    @Singleton
    static WebhookEventTypes webhookEventTypes() {
        List<String> all = new ArrayList<>(APPLICATION_TYPES);
        all.addAll(TOP_UP_REQUEST_TYPES);
        return WebhookEventTypes.of(all);
    }

    /** {@code application.submitted}, {@code application.payment-pending}, {@code application.no-show}... */
    public static String applicationType(ApplicationState state) {
        return "application." + state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String topUpRequestType(String status) {
        return "top-up-request." + status.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    void onStep(@Observes ApplicationStepped step) {
        TrainingApplication application = step.application();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("applicationId", application.id);
        payload.put("state", step.to().name());
        payload.put("previousState", step.from() == null ? null : step.from().name());
        payload.put("at", at(application));
        payload.put("offerId", application.offerId);
        payload.put("sessionId", application.sessionId);
        payload.put("reason", step.reason());
        // A step is one version of the application: the same step seen again (a retried transaction) has this id.
        String eventId = eventId("application:" + application.id + ":" + application.version + ":" + step.to());
        webhooks.enqueue(application.organisationSiret, applicationType(step.to()), eventId, json(payload));
    }

    void onTopUpRequest(@Observes TopUpRequestChanged changed) {
        TopUpRequest request = changed.request();
        String owner = request.funderClient != null ? request.funderClient : request.funderSiret;
        if (owner == null) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("requestId", request.id);
        payload.put("applicationId", request.applicationId);
        payload.put("status", request.status);
        payload.put("amountCents", request.amountCents);
        payload.put("topUpId", request.topUpId);
        payload.put("at", (request.answeredAt != null ? request.answeredAt : request.createdAt).toString());
        // A request reaches each status once.
        String eventId = eventId("top-up-request:" + request.id + ":" + request.status);
        webhooks.enqueue(owner, topUpRequestType(request.status), eventId, json(payload));
    }

    private static String at(TrainingApplication application) {
        Instant at = application.updatedAt != null ? application.updatedAt : application.submittedAt;
        return at == null ? null : at.toString();
    }

    private static String eventId(String name) {
        return "evt_" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, Object> payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a webhook payload", e);
        }
    }
}
