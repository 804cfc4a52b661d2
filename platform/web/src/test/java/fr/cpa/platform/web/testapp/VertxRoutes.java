package fr.cpa.platform.web.testapp;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import fr.cpa.platform.web.problem.FieldError;
import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;
import fr.cpa.platform.web.problem.Problems;
import io.vertx.ext.web.Router;

/** Test-only plain Vert.x routes, answering as the gateway does. */
@ApplicationScoped
public class VertxRoutes {

    void install(@Observes Router router) {
        router.get("/test/vertx/limited").handler(rc -> Problems.send(rc, ProblemType.TOO_MANY_REQUESTS,
                "Slow down.", Duration.ofMillis(1500)));
        router.get("/test/vertx/upstream-down").handler(rc -> Problems.send(rc, ProblemType.BAD_GATEWAY));
        router.get("/test/vertx/status").handler(rc -> rc.fail(504));
        router.get("/test/vertx/thrown").handler(rc -> {
            throw new IllegalStateException(ProblemResource.SECRET);
        });
        router.get("/test/vertx/problem").handler(rc -> rc.fail(new ProblemException(ProblemType.VALIDATION,
                "Bad route input.", List.of(new FieldError("q", "is required")))));
    }
}
