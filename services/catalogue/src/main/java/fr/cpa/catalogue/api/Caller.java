package fr.cpa.catalogue.api;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/** The training organisation calling, known by the SIRET its token carries. */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The organisation's SIRET, from its token only: a body or a path cannot act for another organisation. */
    public String siret() {
        String siret = token.getClaim("siret");
        if (siret == null || !siret.matches("\\d{14}")) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This training organisation's token carries no SIRET.");
        }
        return siret;
    }
}
