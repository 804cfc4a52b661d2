package fr.cpa.platform.web.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * Runs an {@link Idempotent} method at most once per key: claims the key before the method, answers a retry from
 * the stored answer, and afterwards stores the answer or, when the call failed (an exception, or 5xx), releases the
 * key so that a retry runs again. A thrown exception means the method's transaction rolled back, hence nothing to
 * protect. The body of the answer is stored by {@link IdempotentAnswerCapture} as it is written.
 */
public class IdempotencyFilters {

    static final String CLAIMED = IdempotencyFilters.class.getName() + ".claimed";
    static final String ANSWER_STATUS = IdempotencyFilters.class.getName() + ".status";

    private static final String ANONYMOUS = "anonymous";

    private final IdempotencyStore store;

    @Inject
    IdempotencyFilters(IdempotencyStore store) {
        this.store = store;
    }

    @Idempotent
    @ServerRequestFilter
    public Response claim(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(Idempotent.KEY_HEADER);
        if (!IdempotencyKeys.isValid(key)) {
            throw new ProblemException(ProblemType.VALIDATION, "This operation needs a valid Idempotency-Key header.",
                    List.of(IdempotencyKeys.MALFORMED));
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        URI uri = request.getUriInfo().getRequestUri();
        String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        IdempotencyStore.Request claimed = new IdempotencyStore.Request(caller(request), key, request.getMethod(),
                target, sha256(body));
        IdempotencyStore.Claim claim = store.claim(claimed);
        if (claim instanceof IdempotencyStore.Replay replay) {
            Response.ResponseBuilder answer = Response.status(replay.status()).header(Idempotent.REPLAYED_HEADER, "true");
            if (replay.body() != null && replay.body().length > 0) {
                answer.entity(replay.body()).type(replay.contentType());
            }
            return answer.build();
        }
        if (claim instanceof IdempotencyStore.InProgress) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE);
        }
        if (claim instanceof IdempotencyStore.Mismatch) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED);
        }
        request.setProperty(CLAIMED, claimed);
        return null;
    }

    @Idempotent
    @ServerResponseFilter
    public void settle(ContainerRequestContext request, ContainerResponseContext response, Throwable failure) {
        if (!(request.getProperty(CLAIMED) instanceof IdempotencyStore.Request claimed)) {
            return; // refused or replayed before the method ran
        }
        if (failure != null || response.getStatus() >= 500) {
            store.release(claimed);
        } else if (response.hasEntity()) {
            request.setProperty(ANSWER_STATUS, response.getStatus());
        } else {
            store.complete(claimed, response.getStatus(), null, null);
        }
    }

    /**
     * The caller by the token's subject: a principal's name may be whatever claim the token verifier prefers (a
     * holder's login name was their NIR), and a record kept for a day must not name a person.
     */
    private static String caller(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (principal == null) {
            return ANONYMOUS;
        }
        // Another kind of principal (no token verifier, as in this library's own tests) is named as it names itself.
        String caller = principal instanceof JsonWebToken token ? token.getSubject() : principal.getName();
        return caller == null || caller.isEmpty() ? ANONYMOUS : caller;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
