package io.switchboard.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness data of the consumers: every partition that is failing now, with how long, how many attempts and the last
 * error, and under {@code stalled} those failing for longer than {@code switchboard.consumers.stalled-after}.
 *
 * <p>Always UP: a failing partition holds up the events behind it, not the service's API, so taking the pod out of
 * its Service would make things worse for every tenant. The failure is reported here, by the
 * {@code switchboard_consumer_stalled_partitions} gauge and by its alert.
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
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("switchboard-consumers").up();
        List<String> stalled = new ArrayList<>();
        for (ConsumerLoop<?> loop : runtime.loops()) {
            for (Map.Entry<TopicPartition, ConsumerLoop.Failure> failing :
                    loop.failing().entrySet()) {
                ConsumerLoop.Failure failure = failing.getValue();
                Duration failingFor = Duration.between(failure.since(), now);
                response.withData(
                        loop.name() + " " + failing.getKey(),
                        "failing for " + failingFor.toSeconds()
                                + " s at offset " + failure.offset() + " (" + failure.attempts() + " attempts): "
                                + failure.error());
                if (failingFor.compareTo(settings.stalledAfter()) > 0) {
                    stalled.add(loop.name() + " " + failing.getKey());
                }
            }
        }
        if (!stalled.isEmpty()) {
            response.withData("stalled", String.join(", ", stalled));
        }
        return response.build();
    }
}
