package io.switchboard.platform.timer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.platform.failure.FailureKind;
import io.switchboard.platform.failure.Failures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Fires the due rows of a durable timer table in batches, one transaction a batch, and keeps one bad row from holding
 * up the others: when a batch fails, its rows are fired one by one, each in its own transaction. A row that fails for a
 * passing reason of the infrastructure waits for the next pass; one that fails for any other reason is tried
 * {@link #GIVE_UP_AFTER} times in all, then set aside (its due time cleared), logged and counted
 * ({@code switchboard_timers_given_up_total{timer}}).
 *
 * @param <K> a row's key
 */
public final class DueRows<K> {

    /** Attempts of a row failing for a reason that does not pass, before it is set aside. */
    public static final int GIVE_UP_AFTER = 5;

    private static final Logger LOG = Logger.getLogger(DueRows.class);

    /** What a timer table offers; every method runs inside a transaction the runner begins. */
    public interface Rows<K> {

        /** Fires up to {@code limit} due rows (claimed, skipping rows others hold); returns how many. */
        int fireBatch(Instant now, int limit);

        /** The keys of up to {@code limit} due rows. */
        List<K> due(Instant now, int limit);

        /** Fires the row if it is still due and free; false if it was not. */
        boolean fireOne(K key, Instant now);

        /** Clears the row's due time: it fires no more until something sets it again. */
        void setAside(K key);
    }

    /** Fires up to a number of due rows at once; returns how many. */
    @FunctionalInterface
    public interface BatchFiring {
        int fire(Instant now, int limit);
    }

    /** Fires one row if it is still due and free. */
    @FunctionalInterface
    public interface OneFiring {
        boolean fire(String key, Instant now);
    }

    /** The rows of a timer table, fired by {@code batch} and, row by row, by {@code one}. */
    public static Rows<String> of(
            TimerTable table,
            java.util.function.Supplier<jakarta.persistence.EntityManager> entityManager,
            BatchFiring batch,
            OneFiring one) {
        return new Rows<>() {
            @Override
            public int fireBatch(Instant now, int limit) {
                return batch.fire(now, limit);
            }

            @Override
            public List<String> due(Instant now, int limit) {
                return table.dueKeys(entityManager.get(), now, limit);
            }

            @Override
            public boolean fireOne(String key, Instant now) {
                return one.fire(key, now);
            }

            @Override
            public void setAside(String key) {
                table.setAside(entityManager.get(), key);
            }
        };
    }

    private final String name;
    private final Rows<K> rows;
    private final int batch;
    private final Counter givenUp;
    private final Map<K, Integer> lastingFailures = new ConcurrentHashMap<>();

    public DueRows(String name, Rows<K> rows, int batch, MeterRegistry meters) {
        this.name = name;
        this.rows = rows;
        this.batch = batch;
        this.givenUp = meters.counter("switchboard.timers.given.up", "timer", name);
    }

    /** Fires what is due at {@code now}. */
    public void pass(Instant now) {
        try {
            while (QuarkusTransaction.requiringNew().call(() -> rows.fireBatch(now, batch)) == batch) {
                // a full batch: more may be due
            }
            return;
        } catch (RuntimeException e) {
            LOG.debugf(e, "Timer %s: a batch failed; firing its rows one by one", name);
        }
        for (K key : QuarkusTransaction.requiringNew().call(() -> rows.due(now, batch))) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> rows.fireOne(key, now))) {
                    lastingFailures.remove(key);
                } // else another pass holds the row: its attempts so far still count
            } catch (RuntimeException e) {
                failed(key, e);
            }
        }
    }

    private void failed(K key, RuntimeException error) {
        if (Failures.kindOf(error) == FailureKind.PASSING) {
            LOG.warnf("Timer %s: %s failed, retried at the next pass: %s", name, key, Failures.rootMessage(error));
            return;
        }
        int attempts = lastingFailures.merge(key, 1, Integer::sum);
        if (attempts < GIVE_UP_AFTER) {
            LOG.warnf(
                    "Timer %s: %s failed (%d of %d attempts): %s",
                    name, key, attempts, GIVE_UP_AFTER, Failures.rootMessage(error));
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> rows.setAside(key));
            lastingFailures.remove(key);
            givenUp.increment();
            LOG.errorf(
                    "Timer %s: %s failed %d times for a reason that does not pass and was set aside: %s",
                    name, key, attempts, Failures.rootMessage(error));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Timer %s: %s could not be set aside (%s); tried again at the next pass",
                    name, key, Failures.rootMessage(e));
        }
    }
}
