package io.switchboard.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness data of the outbox: how old the oldest unpublished event is, and how many events could not be
 * published at all ({@code outbox_dead_letter}), with a warning while there are any. It stays UP: taking the service
 * out of rotation would not publish them.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        long deadLetters = relay.deadLetters();
        var response = HealthCheckResponse.named("switchboard-outbox")
                .up()
                .withData("oldestUnsentSeconds", relay.oldestUnsentAge().toSeconds())
                .withData("deadLetters", deadLetters);
        if (deadLetters > 0) {
            response.withData(
                    "warning", deadLetters + " event(s) could not be published and wait in outbox_dead_letter");
        }
        return response.build();
    }
}
