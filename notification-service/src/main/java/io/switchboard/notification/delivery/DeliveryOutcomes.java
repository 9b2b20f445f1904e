package io.switchboard.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.switchboard.notification.curator.Curator;
import io.switchboard.notification.curator.Curators;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Judges an attempt's answer and writes it, in a transaction of its own, fenced by the attempt's lease (a stale answer
 * changes nothing): accepted is DELIVERED; 410 Gone disables the curator's webhook and ends the delivery DEAD; 429 and
 * 503 wait at least their {@code Retry-After}; anything else is tried again on the schedule, with jitter, until the
 * last attempt ends it DEAD.
 */
@ApplicationScoped
@Startup // its counters exist from the start, not from the first answer
class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);
    private static final String COUNTER = "switchboard_notification_deliveries_total";

    private final Deliveries deliveries;
    private final Curators curators;
    private final DeliverySettings settings;
    private final MeterRegistry metrics;
    private final Clock clock;

    DeliveryOutcomes(
            Deliveries deliveries, Curators curators, DeliverySettings settings, MeterRegistry metrics, Clock clock) {
        this.deliveries = deliveries;
        this.curators = curators;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        // Every outcome from 0, so that an alert on the increase of "dead" sees the first one.
        for (String outcome : List.of("delivered", "retried", "dead")) {
            metrics.counter(COUNTER, "outcome", outcome);
        }
    }

    void record(Attempt attempt, Answer answer) {
        if (answer.accepted()) {
            finish(attempt, Delivery.State.DELIVERED, answer.status(), null);
            return;
        }
        if (answer.lasting()) {
            finish(attempt, Delivery.State.DEAD, answer.status(), answer.error());
            return;
        }
        Integer status = answer.status();
        if (status != null && status == 410) {
            finish(attempt, Delivery.State.DEAD, status, "the receiver answered 410 Gone: its webhook is disabled");
            return;
        }
        String failure = answer.error() != null ? answer.error() : "HTTP " + status;
        List<Duration> schedule = settings.schedule();
        if (attempt.number() >= schedule.size()) {
            finish(attempt, Delivery.State.DEAD, status, failure + " (attempt " + attempt.number() + ", the last)");
            return;
        }
        Duration wait = jittered(schedule.get(attempt.number()));
        if (status != null
                && (status == 429 || status == 503)
                && answer.retryAfter() != null
                && answer.retryAfter().compareTo(wait) > 0) {
            wait = answer.retryAfter();
        }
        Duration next = wait;
        QuarkusTransaction.requiringNew()
                .run(() -> leased(attempt).ifPresent(delivery -> {
                    delivery.attempts = attempt.number();
                    delivery.lastStatus = status;
                    delivery.lastError = cut(failure);
                    delivery.leaseUntil = null;
                    delivery.nextAttemptAt = clock.instant().plus(next);
                }));
        metrics.counter(COUNTER, "outcome", "retried").increment();
        LOG.debugf("Delivery %s attempt %d failed (%s); next in %s", attempt.id(), attempt.number(), failure, next);
    }

    private void finish(Attempt attempt, Delivery.State state, Integer status, String error) {
        QuarkusTransaction.requiringNew()
                .run(() -> leased(attempt).ifPresent(delivery -> {
                    Instant now = clock.instant();
                    delivery.attempts = attempt.number();
                    delivery.lastStatus = status;
                    delivery.lastError = cut(error);
                    delivery.leaseUntil = null;
                    delivery.state = state;
                    delivery.finishedAt = now;
                    if (status != null && status == 410) {
                        Curator curator = curators.findById(delivery.curatorId, LockModeType.PESSIMISTIC_WRITE);
                        if (curator != null && curator.webhookDisabledAt == null) {
                            curator.webhookDisabledAt = now;
                            curator.webhookDisabledReason = "410 Gone from " + curator.webhookUrl;
                        }
                    }
                }));
        metrics.counter(COUNTER, "outcome", state == Delivery.State.DELIVERED ? "delivered" : "dead")
                .increment();
        if (state == Delivery.State.DEAD) {
            LOG.warnf("Delivery %s dead-lettered: %s", attempt.id(), error);
        }
    }

    /** The delivery, if this attempt still holds its lease (a stale answer changes nothing). */
    private Optional<Delivery> leased(Attempt attempt) {
        Delivery delivery = deliveries.findById(attempt.id(), LockModeType.PESSIMISTIC_WRITE);
        return delivery != null
                        && delivery.state == Delivery.State.PENDING
                        && delivery.leaseUntil != null
                        && delivery.leaseUntil.equals(attempt.lease())
                ? Optional.of(delivery)
                : Optional.empty();
    }

    private Duration jittered(Duration wait) {
        double spread = settings.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(wait.toMillis() * (1 + spread))));
    }

    private static String cut(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
