package io.switchboard.queue.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.platform.loop.WakeableLoop;
import io.switchboard.queue.account.QueueDefaults;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The held messages (QUEUED, FROZEN, DISPATCHING) per channel and the age of the oldest, read every
 * {@code switchboard.queue.metrics-refresh}: {@code switchboard_queue_held_messages{channel,account}},
 * {@code switchboard_queue_oldest_held_age_seconds{channel,account}}, and their totals
 * {@code switchboard_queue_held_messages_total_now}, {@code switchboard_queue_oldest_held_age_max_seconds}. A channel
 * that holds nothing has no series.
 */
@ApplicationScoped
class HeldMessagesGauges {

    private final Jdbc jdbc;
    private final Clock clock;
    private final MultiGauge held;
    private final MultiGauge oldest;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong oldestMax = new AtomicLong();
    private final WakeableLoop loop;

    public HeldMessagesGauges(Jdbc jdbc, Clock clock, MeterRegistry meters, QueueDefaults defaults) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.held = MultiGauge.builder("switchboard.queue.held.messages")
                .description("Messages not yet sent, per channel")
                .register(meters);
        this.oldest = MultiGauge.builder("switchboard.queue.oldest.held.age")
                .baseUnit("seconds")
                .description("Age of the channel's oldest message not yet sent")
                .register(meters);
        Gauge.builder("switchboard.queue.held.messages.total.now", total, AtomicLong::get)
                .description("Messages not yet sent, all channels")
                .register(meters);
        Gauge.builder("switchboard.queue.oldest.held.age.max", oldestMax, AtomicLong::get)
                .baseUnit("seconds")
                .description("Age of the oldest message not yet sent, all channels")
                .register(meters);
        this.loop = new WakeableLoop("queue-metrics", defaults.metricsRefresh(), this::refresh);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    void refresh() {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        long[] sums = new long[2];
        QuarkusTransaction.requiringNew()
                .run(() -> jdbc.query("""
                SELECT channel_id, account_id, count(*) AS n, min(created_at) AS oldest FROM outbound_message
                WHERE state IN ('QUEUED', 'FROZEN', 'DISPATCHING') GROUP BY channel_id, account_id""", p -> {}, row -> {
                    Tags tags = Tags.of("channel", row.getString("channel_id"), "account", row.getString("account_id"));
                    long n = row.getLong("n");
                    long age = Math.max(
                            0,
                            Duration.between(Jdbc.instant(row, "oldest"), now).toSeconds());
                    counts.add(MultiGauge.Row.of(tags, n));
                    ages.add(MultiGauge.Row.of(tags, age));
                    sums[0] += n;
                    sums[1] = Math.max(sums[1], age);
                    return null;
                }));
        held.register(counts, true);
        oldest.register(ages, true);
        total.set(sums[0]);
        oldestMax.set(sums[1]);
    }
}
