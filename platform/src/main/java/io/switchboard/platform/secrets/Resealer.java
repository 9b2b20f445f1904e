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
                int resealed = 0;
                Batch batch = new Batch(0, null);
                do {
                    Object after = batch.lastId();
                    batch = QuarkusTransaction.requiringNew().call(() -> resealBatch(table, after));
                    resealed += batch.resealed();
                } while (batch.lastId() != null && !Thread.currentThread().isInterrupted());
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
            stale += QuarkusTransaction.requiringNew()
                    .call(() -> ((Number) entityManager
                                    .createNativeQuery(
                                            "SELECT count(*) FROM " + table.table() + " WHERE " + staleCondition(table))
                                    .setParameter("sealed", SecretBox.PREFIX + box.sealingKeyId() + ":")
                                    .getSingleResult())
                            .longValue());
        }
        return stale;
    }

    /** What a batch did: values rewritten, and the last id it looked at (null when there were no more). */
    private record Batch(int resealed, Object lastId) {}

    /** The next stale rows after {@code after} (by id, so a row that cannot be opened is passed, not read again). */
    private Batch resealBatch(SealedColumns table, Object after) {
        String columns = String.join(", ", table.columns());
        var query = entityManager
                .createNativeQuery("SELECT " + table.idColumn() + ", " + columns + " FROM "
                        + table.table() + " WHERE " + staleCondition(table)
                        + (after == null ? "" : " AND " + table.idColumn() + " > :after") + " ORDER BY "
                        + table.idColumn()
                        + " LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                .setParameter("sealed", SecretBox.PREFIX + box.sealingKeyId() + ":");
        if (after != null) {
            query.setParameter("after", after);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        int resealed = 0;
        for (Object[] row : rows) {
            List<String> values = new ArrayList<>();
            try {
                for (int i = 0; i < table.columns().size(); i++) {
                    String stored = (String) row[i + 1];
                    values.add(box.isSealedWithSealingKey(stored) ? stored : box.seal(box.open(stored)));
                }
            } catch (IllegalStateException unopenable) {
                // sealed with a key no longer listed (or altered): left as it is, counted by stale(), said once a pass
                LOG.warnf(
                        "A secret of %s %s cannot be opened and is left as it is: %s",
                        table.table(), row[0], unopenable.getMessage());
                continue;
            }
            List<String> assignments = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                assignments.add(table.columns().get(i) + " = :v" + i);
            }
            var update = entityManager
                    .createNativeQuery("UPDATE " + table.table() + " SET " + String.join(", ", assignments) + " WHERE "
                            + table.idColumn() + " = :id")
                    .setParameter("id", row[0]);
            for (int i = 0; i < table.columns().size(); i++) {
                update.setParameter("v" + i, values.get(i));
            }
            update.executeUpdate();
            resealed++;
        }
        return new Batch(resealed, rows.isEmpty() ? null : rows.get(rows.size() - 1)[0]);
    }

    private static String staleCondition(SealedColumns table) {
        return "("
                + String.join(
                        " OR ",
                        table.columns().stream()
                                .map(column ->
                                        "(" + column + " IS NOT NULL AND NOT starts_with(" + column + ", :sealed))")
                                .toList())
                + ")";
    }
}
