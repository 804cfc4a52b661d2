package fr.cpa.platform.web.problem;

import fr.cpa.platform.web.PersonalData;
import java.lang.reflect.Method;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers every exception escaping a JAX-RS resource, filter or body reader with a problem document. Ahead of
 * Quarkus' own mappers (priority), so no error leaves in another shape; exception messages never reach the client.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final int PRIORITY = Priorities.USER - 100;
    // Headers of a JAX-RS error response that still mean something on the problem answer.
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE);

    private final JsonProblems json;
    private final ViolationProblems violations;

    @Inject
    ProblemExceptionMappers(JsonProblems json, ViolationProblems violations) {
        this.json = json;
        this.violations = violations;
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response problem(ProblemException e, RoutingContext rc) {
        if (e.type().status() >= 500) {
            LOG.errorf(e, "Request failed: %s", e.type().slug());
        }
        Response.ResponseBuilder answer = response(rc, e);
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(e.retryAfter()));
        }
        return answer.build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response validation(ValidationException e, RoutingContext rc, ResourceInfo resource) {
        // Only violations of the request's own values are the client's fault; others (return value, internal
        // components) are bugs.
        if (e instanceof ResteasyReactiveViolationException violation
                && violation.getConstraintViolations().stream().noneMatch(ProblemExceptionMappers::isReturnValue)) {
            Method method = resource == null ? null : resource.getResourceMethod();
            return response(rc, violations.explain(violation.getConstraintViolations(), method)).build();
        }
        return unexpected(e, rc);
    }

    /** Jackson rethrows these untouched from the body reader; the others come wrapped in a 400. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response unreadableJson(MismatchedInputException e, RoutingContext rc) {
        return jsonProblem(e, rc);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response webApplication(WebApplicationException e, RoutingContext rc) {
        if (e instanceof ResteasyReactiveClientProblem) {
            // The answer of a service this one called: never relayed as this service's own.
            LOG.errorf(e, "A downstream call failed with HTTP %d", e.getResponse().getStatus());
            return response(rc, new ProblemException(ProblemType.BAD_GATEWAY)).build();
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400) {
            return original;
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jsonException) {
            return jsonProblem(jsonException, rc);
        }
        if ((status == 400 || status == 404) && cause != null && !(cause instanceof WebApplicationException)) {
            // JAX-RS wraps a parameter that cannot be converted to its Java type (404 for query and path ones).
            return response(rc, new ProblemException(ProblemType.VALIDATION,
                    "A parameter has a value that cannot be converted to its expected type.")).build();
        }
        if (status >= 500) {
            LOG.errorf(e, "Request failed with HTTP %d", status);
        }
        Response.ResponseBuilder answer = response(rc, new ProblemException(ProblemType.forStatus(status)));
        KEPT_HEADERS.forEach(name -> {
            String value = original.getHeaderString(name);
            if (value != null) {
                answer.header(name, value);
            }
        });
        return answer.build();
    }

    /** 401 with the challenge of the authentication mechanism (WWW-Authenticate), as Quarkus would send it. */
    @ServerExceptionMapper(value = { UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class }, priority = PRIORITY)
    public Uni<Response> unauthenticated(RoutingContext rc) {
        HttpAuthenticator authenticator = rc.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem()
                : authenticator.getChallenge(rc).onFailure().recoverWithNull();
        return challenge.map(data -> {
            Response.ResponseBuilder answer = response(rc, new ProblemException(ProblemType.UNAUTHENTICATED));
            if (data != null && data.status == 401) {
                data.getHeaders().forEach((name, value) -> answer.header(name.toString(), value));
            }
            return answer.build();
        });
    }

    @ServerExceptionMapper(value = ForbiddenException.class, priority = PRIORITY)
    public Response forbidden(RoutingContext rc) {
        return response(rc, new ProblemException(ProblemType.FORBIDDEN)).build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(Throwable e, RoutingContext rc) {
        LOG.errorf(e, "Unexpected error on %s %s", rc.request().method(), PersonalData.redact(rc.request().path()));
        return response(rc, new ProblemException(ProblemType.INTERNAL_ERROR)).build();
    }

    private Response jsonProblem(JsonProcessingException e, RoutingContext rc) {
        ProblemException problem = json.explain(e);
        return problem == null ? unexpected(e, rc) : response(rc, problem).build();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static Response.ResponseBuilder response(RoutingContext rc, ProblemException e) {
        Problem problem = Problems.of(rc, e.type(), e.detail(), e.errors());
        return Response.status(problem.status()).type(Problems.MEDIA_TYPE).entity(Problems.json(problem));
    }
}
