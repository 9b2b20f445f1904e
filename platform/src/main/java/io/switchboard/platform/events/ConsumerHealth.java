package io.switchboard.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN while a partition of any consumer has been failing for longer than
 * {@code switchboard.consumers.unready-after} (the events behind it wait), with the partition, since when and the
 * last error; UP otherwise, listing the partitions that are failing for a shorter time.
 */
@Readiness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {

    private final ConsumerRuntime runtime;
    private final ConsumerSettings settings;

    public ConsumerHealth(ConsumerRuntime runtime, ConsumerSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("switchboard-consumers").up();
        List<String> stalled = new ArrayList<>();
        for (ConsumerLoop<?> loop : runtime.loops()) {
            for (Map.Entry<org.apache.kafka.common.TopicPartition, ConsumerLoop.Failure> failing : loop.failing().entrySet()) {
                ConsumerLoop.Failure failure = failing.getValue();
                Duration failingFor = Duration.between(failure.since(), now);
                response.withData(loop.name() + " " + failing.getKey(), "failing for " + failingFor.toSeconds() + " s ("
                        + failure.attempts() + " attempts): " + failure.error());
                if (failingFor.compareTo(settings.unreadyAfter()) > 0) {
                    stalled.add(failing.getKey().toString());
                }
            }
        }
        if (!stalled.isEmpty()) {
            response.down().withData("stalled", String.join(", ", stalled));
        }
        return response.build();
    }
}
