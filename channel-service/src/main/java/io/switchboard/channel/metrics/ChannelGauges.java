package io.switchboard.channel.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.contracts.channel.ChannelStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The channels by effective status, {@code switchboard_channels{status}}, and how many are unstable (flapping) or stuck
 * in STARTING, {@code switchboard_channels_unstable} and {@code switchboard_channels_stuck}: the numbers the alerts and
 * the dashboard read. Counted every {@link ChannelMetricsSettings#metricsRefresh()} (30 s) from the database, so every
 * replica reports the same platform-wide figures (alerts take their max).
 */
@ApplicationScoped
class ChannelGauges {

    private final EntityManager entityManager;
    private final Map<ChannelStatus, AtomicLong> byStatus = new EnumMap<>(ChannelStatus.class);
    private final AtomicLong unstable = new AtomicLong();
    private final AtomicLong stuck = new AtomicLong();

    /**
     * @param settings injected so that Quarkus registers the mapping its schedule reads (unknown keys fail at start)
     */
    public ChannelGauges(EntityManager entityManager, MeterRegistry meters, ChannelMetricsSettings settings) {
        this.entityManager = entityManager;
        for (ChannelStatus status : ChannelStatus.values()) {
            if (status == ChannelStatus.DELETED) {
                continue;
            }
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("switchboard.channels", count, AtomicLong::get)
                    .tag("status", status.name())
                    .description("Channels (not deleted) in each effective status")
                    .register(meters);
        }
        Gauge.builder("switchboard.channels.unstable", unstable, AtomicLong::get)
                .description("Channels that reconnected three or more times within the flap window")
                .register(meters);
        Gauge.builder("switchboard.channels.stuck", stuck, AtomicLong::get)
                .description("Channels in STARTING for longer than the stuck threshold")
                .register(meters);
    }

    @Scheduled(
            every = "${switchboard.channel.metrics-refresh:30s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    SELECT enabled, paid, connection_status, count(*),
                           count(*) FILTER (WHERE unstable), count(*) FILTER (WHERE stuck)
                    FROM channel WHERE NOT deleted GROUP BY enabled, paid, connection_status""").getResultList();
            Map<ChannelStatus, Long> counts = new EnumMap<>(ChannelStatus.class);
            long unstableNow = 0;
            long stuckNow = 0;
            for (Object[] row : rows) {
                ChannelStatus status = ChannelStatus.effective(
                        false, (Boolean) row[0], (Boolean) row[1], ChannelStatus.valueOf((String) row[2]));
                counts.merge(status, ((Number) row[3]).longValue(), Long::sum);
                unstableNow += ((Number) row[4]).longValue();
                stuckNow += ((Number) row[5]).longValue();
            }
            byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
            unstable.set(unstableNow);
            stuck.set(stuckNow);
        });
    }
}
