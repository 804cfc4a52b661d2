package fr.cpa.platform.web.testapp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.testapp.PersonRequest.Item;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Test-only endpoints raising every kind of error. */
@Path("/test/problems")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemResource {

    public static final String NIR = "185057512345678";
    /** Text of the exceptions raised here, which must never reach a client. */
    public static final String SECRET = "secret-detail";
    public static final ProblemType INSUFFICIENT_RIGHTS = ProblemType.of("insufficient-rights", 422,
            "Insufficient rights");

    @POST
    @Path("/people")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull PersonRequest person) {
        return Response.status(201).entity(Map.of("created", true)).build();
    }

    @POST
    @Path("/people/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createAll(@NotNull List<@Valid Item> items) {
        return Response.ok(Map.of("count", items.size())).build();
    }

    @GET
    @Path("/people/{id}")
    public Map<String, String> find(@PathParam("id") @Pattern(regexp = "[a-z0-9-]{1,36}") String id) {
        throw new ProblemException(ProblemType.NOT_FOUND, "No person with this id.");
    }

    @GET
    @Path("/search")
    public Map<String, Object> search(@QueryParam("year") @Min(2000) @Max(2100) int year,
            @HeaderParam("X-Channel") @Pattern(regexp = "web|mobile") String channel) {
        return Map.of("year", year);
    }

    @GET
    @Path("/typed")
    public Map<String, Object> typed(@QueryParam("count") Integer count) {
        return Map.of("count", count == null ? 0 : count);
    }

    @GET
    @Path("/conflict")
    public Map<String, Object> conflict() {
        throw new ProblemException(ProblemType.CONFLICT, "The application is already accepted.");
    }

    @GET
    @Path("/busy")
    public Map<String, Object> busy() {
        throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "Too many uploads at once.",
                Duration.ofMillis(2500));
    }

    @GET
    @Path("/refused")
    public Map<String, Object> refused() {
        throw new ProblemException(INSUFFICIENT_RIGHTS, "The account cannot pay for this training.",
                List.of(new FieldError("amount", "exceeds the available rights")));
    }

    @GET
    @Path("/boom")
    public Map<String, Object> boom() {
        throw new IllegalStateException(SECRET);
    }

    @GET
    @Path("/status/{status}")
    public Map<String, Object> status(@PathParam("status") int status) {
        throw new WebApplicationException(SECRET, status);
    }

    @GET
    @Path("/unauthorized")
    public Map<String, Object> unauthorized() {
        throw new UnauthorizedException();
    }

    @GET
    @Path("/forbidden")
    public Map<String, Object> forbidden() {
        throw new ForbiddenException(SECRET);
    }

    @GET
    @Path("/authentication-failed")
    public Map<String, Object> authenticationFailed() {
        throw new AuthenticationFailedException(SECRET);
    }

    @GET
    @Path("/operators")
    @RolesAllowed("operator")
    public Map<String, Object> operatorsOnly() {
        return Map.of("ok", true);
    }

    @GET
    @Path("/bad-return")
    public @Valid @NotNull Item badReturn() {
        return new Item("", -1);
    }
}
