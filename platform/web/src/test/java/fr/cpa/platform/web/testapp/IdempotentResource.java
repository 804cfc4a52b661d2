package fr.cpa.platform.web.testapp;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.cpa.platform.web.idempotency.Idempotent;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** Test-only writes, each run recorded in platform_web_test_effect. */
@Path("/test/idempotent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IdempotentResource {

    public record Effect(@NotBlank String ref) {
    }

    @Inject
    EffectLog effects;

    /** Records the effect; answers 201 with how many times it ran so far (so a replay is recognisable). */
    @POST
    @Idempotent
    public Response create(@Valid @NotNull Effect effect, @QueryParam("delayMs") long delayMs) throws InterruptedException {
        effects.record(effect.ref());
        Thread.sleep(delayMs);
        return Response.status(201).entity(Map.of("runs", effects.count(effect.ref()))).build();
    }

    @POST
    @Path("/failing")
    @Idempotent
    public Map<String, Object> failing(@Valid @NotNull Effect effect) {
        effects.record(effect.ref());
        throw new IllegalStateException("failed after the effect");
    }

    @POST
    @Path("/unavailable")
    @Idempotent
    public Response unavailable(@Valid @NotNull Effect effect) {
        effects.record(effect.ref());
        return Response.status(503).build();
    }

    @POST
    @Path("/refused")
    @Idempotent
    public Response refused(@Valid @NotNull Effect effect) {
        effects.record(effect.ref());
        throw new ProblemException(ProblemType.UNPROCESSABLE, "Refused by a rule.");
    }

    @POST
    @Path("/no-content")
    @Idempotent
    public void noContent(@Valid @NotNull Effect effect) {
        effects.record(effect.ref());
    }
}
