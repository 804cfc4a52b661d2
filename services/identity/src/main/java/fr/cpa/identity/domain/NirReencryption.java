package fr.cpa.identity.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import fr.cpa.identity.persistence.HolderNirs;
import fr.cpa.identity.persistence.HolderNirs.StoredNir;
import fr.cpa.platform.person.Nir;

/**
 * Rewrites every stored NIR that is not bound to its holder under the current key (after a rotation, or values from
 * before binding), {@value #BATCH} rows per transaction. A row once rewritten is no longer due, so a run stopped
 * midway resumes by running again, and running it twice rewrites nothing the second time.
 */
@ApplicationScoped
public class NirReencryption {

    /**
     * What a run did.
     *
     * @param unreadable rows no key of the ring opens (a missing version, a damaged value): left as they are
     * @param remaining  rows still not under the current key when the run ended (unreadable ones, rows another run
     *                   held); 0 means the older keys can leave the ring
     */
    public record Run(int keyVersion, long rewritten, long unreadable, long remaining) {
    }

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(NirReencryption.class);

    private record Batch(int read, int rewritten, int unreadable, UUID last) {
    }

    private final NirVault vault;
    private final HolderNirs nirs;

    NirReencryption(NirVault vault, HolderNirs nirs) {
        this.vault = vault;
        this.nirs = nirs;
    }

    public Run run() {
        long rewritten = 0;
        long unreadable = 0;
        UUID after = null;
        Batch batch;
        do {
            UUID from = after;
            batch = QuarkusTransaction.requiringNew().call(() -> rewriteBatch(from));
            rewritten += batch.rewritten();
            unreadable += batch.unreadable();
            // After the last row read, not the first due one: rows that cannot be read are not read again.
            after = batch.last();
        } while (batch.read() == BATCH);
        long remaining = nirs.countDue(vault.currentHeader());
        LOG.infof("NIR re-encryption to key version %d: %d rewritten, %d unreadable, %d not under it",
                vault.currentVersion(), rewritten, unreadable, remaining);
        return new Run(vault.currentVersion(), rewritten, unreadable, remaining);
    }

    private Batch rewriteBatch(UUID after) {
        List<StoredNir> due = nirs.lockDue(vault.currentHeader(), after, BATCH);
        Map<UUID, String> values = new LinkedHashMap<>();
        int unreadable = 0;
        for (StoredNir stored : due) {
            Nir nir;
            try {
                nir = vault.decrypt(stored.value(), stored.holderId());
            } catch (IllegalStateException | IllegalArgumentException e) {
                // The vault's messages never carry the NIR: they name the key version and the failure.
                LOG.warnf("NIR of holder %s left as it is: %s", stored.holderId(), e.getMessage());
                unreadable++;
                continue;
            }
            values.put(stored.holderId(), vault.encrypt(nir, stored.holderId()));
        }
        nirs.rewrite(values);
        UUID last = due.isEmpty() ? after : due.get(due.size() - 1).holderId();
        return new Batch(due.size(), values.size(), unreadable, last);
    }
}
