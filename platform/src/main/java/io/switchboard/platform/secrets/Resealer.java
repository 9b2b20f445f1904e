package io.switchboard.platform.secrets;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reseals, after start and in the background, every stored secret that is not sealed with the first key: values stored
 * before sealing, and values sealed with a key that is being rotated out. Rows are taken in batches with
 * {@code SKIP LOCKED}, so a row another transaction holds is done in a later pass, and nothing waits for this.
 */
@ApplicationScoped
public class Resealer {

    private static final Logger LOG = Logger.getLogger(Resealer.class);
    private static final int BATCH = 200;

    private final SecretBox box;
    private final EntityManager entityManager;
    private final List<SealedColumns> tables;
    private volatile Thread thread;

    public Resealer(SecretBox box, EntityManager entityManager, @Any Instance<SealedColumns> tables) {
        this.box = box;
        this.entityManager = entityManager;
        this.tables = tables.stream().toList();
    }

    void start(@Observes StartupEvent event) {
        if (tables.isEmpty() || !box.hasKeys()) {
            return;
        }
        thread = new Thread(this::resealAll, "secret-resealer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Reseals every table's stale values; returns how many values it rewrote. */
    public int resealAll() {
        int total = 0;
        try {
            for (SealedColumns table : tables) {
                int done;
                int resealed = 0;
                do {
                    done = QuarkusTransaction.requiringNew().call(() -> resealBatch(table));
                    resealed += done;
                } while (done > 0 && !Thread.currentThread().isInterrupted());
                if (resealed > 0) {
                    LOG.infof("Resealed %d secret(s) of %s with key '%s'", resealed, table.table(), box.sealingKeyId());
                }
                total += resealed;
            }
        } catch (RuntimeException e) {
            LOG.warnf("Resealing secrets stopped (done at the next start): %s", e.getMessage());
        }
        return total;
    }

    /** Stored values not sealed with the first key, in all of the tables' columns. */
    public long stale() {
        long stale = 0;
        for (SealedColumns table : tables) {
            stale += QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                    "SELECT count(*) FROM " + table.table() + " WHERE " + staleCondition(table))
                    .setParameter("sealed", SecretBox.PREFIX + box.sealingKeyId() + ":%").getSingleResult()).longValue());
        }
        return stale;
    }

    private int resealBatch(SealedColumns table) {
        String columns = String.join(", ", table.columns());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT " + table.idColumn() + ", " + columns + " FROM "
                + table.table() + " WHERE " + staleCondition(table) + " ORDER BY " + table.idColumn()
                + " LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                .setParameter("sealed", SecretBox.PREFIX + box.sealingKeyId() + ":%").getResultList();
        for (Object[] row : rows) {
            List<String> assignments = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                assignments.add(table.columns().get(i) + " = :v" + i);
            }
            var update = entityManager.createNativeQuery("UPDATE " + table.table() + " SET "
                    + String.join(", ", assignments) + " WHERE " + table.idColumn() + " = :id").setParameter("id", row[0]);
            for (int i = 0; i < table.columns().size(); i++) {
                String stored = (String) row[i + 1];
                update.setParameter("v" + i, box.isSealedWithSealingKey(stored) ? stored : box.seal(box.open(stored)));
            }
            update.executeUpdate();
        }
        return rows.size();
    }

    private static String staleCondition(SealedColumns table) {
        return "(" + String.join(" OR ", table.columns().stream()
                .map(column -> "(" + column + " IS NOT NULL AND " + column + " NOT LIKE :sealed)").toList()) + ")";
    }
}
