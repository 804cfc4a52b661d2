package fr.cpa.enrolment.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.cpa.enrolment.domain.notices.WebhookNotices;
import fr.cpa.platform.web.idempotency.IdempotencyKeys;
import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;
import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.security.Caller;
import fr.cpa.platform.webhooks.InvalidWebhookException;
import fr.cpa.platform.webhooks.WebhookDeliveries;
import fr.cpa.platform.webhooks.WebhookDeliveries.Attempt;
import fr.cpa.platform.webhooks.WebhookDeliveries.Delivery;
import fr.cpa.platform.webhooks.WebhookRefusedException;
import fr.cpa.platform.webhooks.WebhookSubscriptions;
import fr.cpa.platform.webhooks.WebhookSubscriptions.Created;
import fr.cpa.platform.webhooks.WebhookSubscriptions.Subscription;

/**
 * A partner's webhooks (platform/webhooks): a training organisation (by the SIRET of its token) subscribes to the
 * steps of applications for its sessions ({@code application.*}); a funder (by its client id) or an employer (by its
 * SIRET) to the top-up requests addressed to it ({@code top-up-request.*}). The signing secret is answered at
 * creation and rotation only. Another partner's subscription is not found.
 */
@Path("/api/enrolment/webhooks")
@RolesAllowed({ "training-org", "funder", "employer" })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks (partners)", description = "Partners' HTTPS endpoints called, signed as Standard Webhooks, "
        + "at each step that concerns them")
public class WebhookResource {

    static final ProblemType TOO_MANY = ProblemType.of("too-many-webhooks", 409,
            "You have as many active webhook subscriptions as allowed");

    /** The body of a subscription. */
    public record WebhookForm(String url, List<String> eventTypes) {
    }

    /** A subscription, without its secret. */
    public record SubscriptionView(UUID id, String url, List<String> eventTypes, boolean active, Instant createdAt,
            Instant secretRotatedAt) {

        static SubscriptionView of(Subscription subscription) {
            return new SubscriptionView(subscription.id(), subscription.url(), subscription.eventTypes(),
                    subscription.active(), subscription.createdAt(), subscription.secretRotatedAt());
        }
    }

    /** A new subscription and its secret ({@code whsec_...}), shown this once: keep it. */
    public record CreatedView(UUID id, String url, List<String> eventTypes, boolean active, Instant createdAt,
            String secret) {
    }

    /** The partner's subscriptions, and the event types it may choose from. */
    public record SubscriptionList(List<SubscriptionView> items, List<String> eventTypes) {
    }

    /** A new secret, shown this once; the former one still signs until {@code previousSecretValidUntil}. */
    public record SecretView(UUID id, String secret, Instant rotatedAt, Instant previousSecretValidUntil) {
    }

    /** A delivery: {@code webhookId} is the {@code webhook-id} header, the same for the replays of an event. */
    public record DeliveryView(UUID id, String webhookId, String eventType, String status, int attempts,
            Instant createdAt, Instant nextAttemptAt, Instant endedAt, UUID replayOf, List<Attempt> attemptLog) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.id(), delivery.eventId(), delivery.eventType(), delivery.status(),
                    delivery.attempts(), delivery.createdAt(), delivery.nextAttemptAt(), delivery.endedAt(),
                    delivery.replayOf(), delivery.log());
        }
    }

    /** Who calls, as the library's owner, and which types it may subscribe to. */
    private record Partner(String owner, List<String> offered) {
    }

    private final Caller caller;
    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveries deliveries;

    WebhookResource(Caller caller, WebhookSubscriptions subscriptions, WebhookDeliveries deliveries) {
        this.caller = caller;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe an HTTPS endpoint to event types",
            description = "201 with the signing secret (whsec_...), shown this once. Each event is POSTed with the "
                    + "headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of "
                    + "\"{webhook-id}.{webhook-timestamp}.{body}\" under the secret's bytes), at least once: dedupe "
                    + "on webhook-id. Organisations choose among application.*, funders and employers among "
                    + "top-up-request.* (see GET for the list). Needs an Idempotency-Key: a retry within a day gets "
                    + "the same answer.")
    @APIResponse(responseCode = "201", description = "Subscribed; the secret is in the answer")
    public Response create(@Parameter(description = "1 to 128 visible ASCII characters")
            @HeaderParam(Idempotent.KEY_HEADER) String idempotencyKey, WebhookForm form) {
        if (!IdempotencyKeys.isValid(idempotencyKey)) {
            throw new ProblemException(ProblemType.VALIDATION, "This operation needs a valid Idempotency-Key header.",
                    List.of(new FieldError(Idempotent.KEY_HEADER, "must be 1 to 128 visible ASCII characters")));
        }
        if (form == null) {
            throw new ProblemException(ProblemType.VALIDATION, "The subscription is invalid.",
                    List.of(new FieldError("body", "is required")));
        }
        Partner partner = partner();
        Created created;
        try {
            created = subscriptions.create(partner.owner(), form.url(), form.eventTypes(), partner.offered(),
                    idempotencyKey);
        } catch (InvalidWebhookException e) {
            throw new ProblemException(ProblemType.VALIDATION, "The subscription is invalid.", e.violations()
                    .stream().map(v -> new FieldError(v.field(), v.reason())).toList());
        } catch (WebhookRefusedException e) {
            throw e.reason() == WebhookRefusedException.Reason.IDEMPOTENCY_KEY_REUSED
                    ? new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED)
                    : new ProblemException(TOO_MANY, e.getMessage());
        }
        Subscription subscription = created.subscription();
        Response.ResponseBuilder answer = Response.created(URI.create("/api/enrolment/webhooks/" + subscription.id()))
                .entity(new CreatedView(subscription.id(), subscription.url(), subscription.eventTypes(),
                        subscription.active(), subscription.createdAt(), created.secret()));
        if (created.replayed()) {
            answer.header(Idempotent.REPLAYED_HEADER, "true");
        }
        return answer.build();
    }

    @GET
    @Operation(summary = "My active subscriptions, oldest first, and the event types I may subscribe to")
    public SubscriptionList list() {
        Partner partner = partner();
        return new SubscriptionList(subscriptions.list(partner.owner()).stream().map(SubscriptionView::of).toList(),
                partner.offered());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my subscriptions (never its secret)")
    public SubscriptionView get(@PathParam("id") UUID id) {
        return subscriptions.get(partner().owner(), id).map(SubscriptionView::of).orElseThrow(WebhookResource::none);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End a subscription: its pending deliveries are cancelled, its secret erased")
    @APIResponse(responseCode = "204", description = "Ended")
    public Response delete(@PathParam("id") UUID id) {
        if (!subscriptions.deactivate(partner().owner(), id)) {
            throw none();
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret")
    @Operation(summary = "A new signing secret, shown this once",
            description = "For a day the former secret still signs: webhook-signature then carries two v1 "
                    + "signatures, the new one first, so the endpoint can switch without losing a message.")
    public SecretView rotate(@PathParam("id") UUID id) {
        return subscriptions.rotateSecret(partner().owner(), id)
                .map(r -> new SecretView(id, r.secret(), r.subscription().secretRotatedAt(),
                        r.previousSecretValidUntil()))
                .orElseThrow(WebhookResource::none);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The subscription's deliveries, newest first, with each attempt",
            description = "status PENDING (next attempt at nextAttemptAt), DELIVERED, FAILED (a day of attempts) or "
                    + "CANCELLED. An attempt has the HTTP status, or the failure's class when there was none, its "
                    + "duration and at most 200 characters of the answer.")
    public Response deliveries(@PathParam("id") UUID id, @Valid @BeanParam PageRequest paging,
            @Context UriInfo uri) {
        WebhookDeliveries.DeliveryPage found = deliveries.page(partner().owner(), id, paging.offset(), paging.size())
                .orElseThrow(WebhookResource::none);
        Page<DeliveryView> page = Page.of(found.items().stream().map(DeliveryView::of).toList(), paging,
                found.total());
        return Response.ok(page).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), page)).build();
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @Idempotent
    @Operation(summary = "Send a delivery again",
            description = "202 with the new delivery: the same body under the same webhook-id, tried with attempts "
                    + "of its own. Needs an Idempotency-Key.")
    @APIResponse(responseCode = "202", description = "Queued")
    public Response replay(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        Delivery replay = deliveries.replay(partner().owner(), id, deliveryId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such delivery."));
        return Response.accepted(DeliveryView.of(replay)).build();
    }

    private Partner partner() {
        if (caller.hasRole("training-org")) {
            return new Partner(caller.siret(), WebhookNotices.APPLICATION_TYPES);
        }
        if (caller.hasRole("employer")) {
            return new Partner(caller.siret(), WebhookNotices.TOP_UP_REQUEST_TYPES);
        }
        return new Partner(caller.clientId(), WebhookNotices.TOP_UP_REQUEST_TYPES);
    }

    private static ProblemException none() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such webhook subscription.");
    }
}
