package io.switchboard.queue.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.switchboard.contracts.message.MessageState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * What the queue counts (Prometheus names): {@code switchboard_queue_accepted_total{state}},
 * {@code switchboard_queue_dispatched_total{outcome}}, {@code switchboard_queue_failures_total{code}},
 * {@code switchboard_queue_release_duration_seconds}, {@code switchboard_queue_expired_total},
 * {@code switchboard_queue_cancelled_total}, {@code switchboard_queue_unauthorized_alerts_total},
 * {@code switchboard_queue_sweep_duration_seconds} (one pass of the sweeper). The held messages
 * per channel are gauges of {@link HeldMessagesGauges}.
 */
@ApplicationScoped
@Startup // its counters exist from the start, not from the first message
public class QueueMetrics {

    /** What a send can come to, as {@link #dispatched} counts it. */
    public static final List<String> DISPATCH_OUTCOMES =
            List.of("SENT", "FROZEN", "RETRY", "RATE_LIMITED", "FAILED", "NO_WHATSAPP", "NOT_SENT");

    private final MeterRegistry meters;
    private final Timer releaseDuration;
    private final Timer sweepDuration;

    public QueueMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.releaseDuration = Timer.builder("switchboard.queue.release.duration")
                .description("From a channel's backlog being released to its last message being sent")
                .publishPercentileHistogram(false)
                .register(meters);
        this.sweepDuration = Timer.builder("switchboard.queue.sweep.duration")
                .description("One pass of the sweeper: orphaned, expired and deleted channels' messages")
                .register(meters);
        // The series the dashboard and alerts read exist from 0, before the first message.
        for (MessageState state : List.of(MessageState.QUEUED, MessageState.FROZEN)) {
            meters.counter("switchboard.queue.accepted", "state", state.name());
        }
        for (String outcome : DISPATCH_OUTCOMES) {
            meters.counter("switchboard.queue.dispatched", "outcome", outcome);
        }
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
        meters.counter("switchboard.queue.failures", "code", code == null ? "unknown" : code)
                .increment();
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

    public void swept(Duration took) {
        sweepDuration.record(took);
    }

    public void released(Duration took) {
        releaseDuration.record(took);
    }
}
