package io.switchboard.platform.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.platform.failure.Failures;
import io.switchboard.platform.loop.WakeableLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Deletes what the service's {@link RetentionRule}s say is old enough, in batches of {@code batch} rows, each its own
 * transaction that skips rows another transaction holds, so that it never waits for the service's own work and any
 * number of replicas may run it at once (they delete different rows). Counted per rule in
 * {@code switchboard_retention_deleted_total}.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final List<RetentionRule> rules;
    private final RetentionSettings settings;
    private final EntityManager entityManager;
    private final Clock clock;
    private final MeterRegistry meters;
    private final WakeableLoop loop;

    public Retention(
            Instance<RetentionRule> rules,
            RetentionSettings settings,
            EntityManager entityManager,
            Clock clock,
            MeterRegistry meters) {
        this.rules = rules.stream().toList();
        this.settings = settings;
        this.entityManager = entityManager;
        this.clock = clock;
        this.meters = meters;
        this.rules.forEach(rule -> meters.counter("switchboard_retention_deleted_total", "data", rule.name()));
        this.loop = new WakeableLoop("retention", settings.interval(), this::runOnce);
    }

    void start(@Observes StartupEvent event) {
        if (settings.enabled() && !rules.isEmpty()) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop.running()) {
            loop.stop();
        }
    }

    /**
     * One pass over every rule; answers the rows deleted per rule. A rule that fails is logged and the others go on.
     */
    public Map<String, Long> runOnce() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            try {
                deleted.put(rule.name(), delete(rule));
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Retention of %s failed (%s); the next pass tries again", rule.name(), Failures.rootMessage(e));
                deleted.put(rule.name(), 0L);
            }
        }
        return deleted;
    }

    /** How long the rule's rows are kept. */
    public java.time.Duration keep(RetentionRule rule) {
        return settings.keep().getOrDefault(rule.name(), rule.defaultKeep());
    }

    private long delete(RetentionRule rule) {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(keep(rule)), ZoneOffset.UTC);
        String statement = rule.deleteBatch();
        long total = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew()
                    .call(() -> entityManager
                            .createNativeQuery(statement)
                            .setParameter("cutoff", cutoff)
                            .setParameter("batch", settings.batch())
                            .executeUpdate());
            total += batch;
            meters.counter("switchboard_retention_deleted_total", "data", rule.name())
                    .increment(batch);
        } while (batch == settings.batch());
        if (total > 0) {
            LOG.debugf("Retention: %d %s older than %s deleted", total, rule.name(), cutoff);
        }
        return total;
    }
}
