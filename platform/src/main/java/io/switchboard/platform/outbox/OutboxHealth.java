package io.switchboard.platform.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Readiness data of the outbox: how old the oldest unpublished event is, and how many events could not be
 * published at all ({@code outbox_dead_letter}), with a warning while there are any. It stays UP: taking the service
 * out of rotation would not publish them.
 *
 * <p>The dead letters are counted in the background every 15 s, so that the probe never waits for the database (nor
 * fails while it is away: the count is then the last one read).
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(OutboxHealth.class);

    private final OutboxRelay relay;
    private volatile Long deadLetters;

    public OutboxHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Scheduled(every = "15s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void countDeadLetters() {
        try {
            deadLetters = relay.deadLetters();
        } catch (RuntimeException e) {
            LOG.debugf("Outbox dead letters not counted: %s", e.toString());
        }
    }

    @Override
    public HealthCheckResponse call() {
        Long counted = deadLetters;
        var response = HealthCheckResponse.named("switchboard-outbox")
                .up()
                .withData("oldestUnsentSeconds", relay.oldestUnsentAge().toSeconds());
        if (counted == null) {
            response.withData("deadLetters", "not counted yet");
        } else {
            response.withData("deadLetters", counted);
            if (counted > 0) {
                response.withData(
                        "warning", counted + " event(s) could not be published and wait in outbox_dead_letter");
            }
        }
        return response.build();
    }
}
