package fr.cpa.catalogue.client;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import fr.cpa.catalogue.domain.EligibilityScope.CecRights;

/**
 * Whether a holder has CEC rights to spend, asked of the ledger with the holder's own token and remembered a minute:
 * a holder paging through results asks once. No account at the ledger means no rights; a ledger that cannot answer
 * gives UNKNOWN, and the search leaves volunteers' trainings out rather than failing.
 */
@ApplicationScoped
public class CecRightsLookup {

    private static final Logger LOG = Logger.getLogger(CecRightsLookup.class);
    private static final int NOT_FOUND = 404;
    private static final int MAX_REMEMBERED = 100_000;

    private record Answer(CecRights rights, long atNanos) {
    }

    private final LedgerAccountsClient ledger;
    private final Duration remembered;
    private final Map<UUID, Answer> answers = new ConcurrentHashMap<>();

    CecRightsLookup(@RestClient LedgerAccountsClient ledger,
            @ConfigProperty(name = "cpa.catalogue.cec-rights-remembered", defaultValue = "60s") Duration remembered) {
        this.ledger = ledger;
        this.remembered = remembered;
    }

    public CecRights of(UUID holderId, String holderToken) {
        long now = System.nanoTime();
        Answer known = answers.get(holderId);
        if (known != null && now - known.atNanos() < remembered.toNanos()) {
            return known.rights();
        }
        CecRights rights = ask(holderToken);
        if (rights != CecRights.UNKNOWN) {
            if (answers.size() >= MAX_REMEMBERED) {
                answers.clear();
            }
            answers.put(holderId, new Answer(rights, now));
        }
        return rights;
    }

    private CecRights ask(String holderToken) {
        try {
            boolean any = ledger.accounts("Bearer " + holderToken).stream()
                    .anyMatch(account -> "CEC".equals(account.kind()) && account.available() > 0);
            return any ? CecRights.YES : CecRights.NO;
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == NOT_FOUND) {
                return CecRights.NO;
            }
            LOG.warnf("The ledger answered %d to a CEC rights lookup", e.getResponse().getStatus());
            return CecRights.UNKNOWN;
        } catch (RuntimeException e) {
            LOG.warnf("The ledger could not be reached for a CEC rights lookup: %s", e.getClass().getSimpleName());
            return CecRights.UNKNOWN;
        }
    }
}
