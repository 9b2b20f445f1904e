package io.switchboard.queue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.contracts.message.MessageState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * What the queue counts (Prometheus names): {@code switchboard_queue_accepted_total{state}},
 * {@code switchboard_queue_dispatched_total{outcome}}, {@code switchboard_queue_failures_total{code}},
 * {@code switchboard_queue_release_duration_seconds}, {@code switchboard_queue_expired_total},
 * {@code switchboard_queue_cancelled_total}, {@code switchboard_queue_unauthorized_alerts_total}. The held messages
 * per channel are gauges of {@link HeldMessagesGauges}.
 */
@ApplicationScoped
public class QueueMetrics {

    private final MeterRegistry meters;
    private final Timer releaseDuration;

    public QueueMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.releaseDuration = Timer.builder("switchboard.queue.release.duration")
                .description("From a channel's backlog being released to its last message being sent")
                .publishPercentileHistogram(false).register(meters);
    }

    public void accepted(MessageState state) {
        meters.counter("switchboard.queue.accepted", "state", state.name()).increment();
    }

    /** @param outcome SENT, FROZEN (401), RETRY, RATE_LIMITED, FAILED, NO_WHATSAPP, NOT_SENT */
    public void dispatched(String outcome, int count) {
        if (count > 0) {
            meters.counter("switchboard.queue.dispatched", "outcome", outcome).increment(count);
        }
    }

    public void failed(String code) {
        meters.counter("switchboard.queue.failures", "code", code == null ? "unknown" : code).increment();
    }

    public void expired(int count) {
        meters.counter("switchboard.queue.expired").increment(count);
    }

    public void cancelled(int count) {
        meters.counter("switchboard.queue.cancelled").increment(count);
    }

    public void unauthorizedAlert() {
        meters.counter("switchboard.queue.unauthorized.alerts").increment();
    }

    public void released(Duration took) {
        releaseDuration.record(took);
    }
}
