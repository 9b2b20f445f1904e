package io.switchboard.platform.health;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.HealthGroup;
import io.switchboard.platform.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether the service reaches its PostgreSQL database and its Kafka cluster, at {@code /q/health/group/dependencies}:
 * for dashboards, alerts and an operator's look, never for readiness. A blip of either would otherwise take every
 * replica out of its Service at once, and with channel-service the provider's webhooks; while one is away, what needs
 * it answers 503 and the consumers and the outbox relay wait and go on where they stopped.
 */
@HealthGroup(DependenciesHealth.GROUP)
@ApplicationScoped
public class DependenciesHealth implements HealthCheck {

    public static final String GROUP = "dependencies";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final DataSource database;
    private final Map<String, Object> kafka;
    private final String application;
    private Admin admin;

    public DependenciesHealth(
            DataSource database,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.database = database;
        this.kafka = kafka;
        this.application = application;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("switchboard-dependencies").up();
        try (Connection connection = database.getConnection()) {
            if (!connection.isValid((int) TIMEOUT.toSeconds())) {
                throw new IllegalStateException("no answer within " + TIMEOUT.toSeconds() + " s");
            }
            response.withData("database", "UP");
        } catch (Exception e) {
            response.down().withData("database", "DOWN: " + describe(e));
        }
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS)
                    .size();
            response.withData("kafka", "UP: " + brokers + " broker(s)");
        } catch (Exception e) {
            response.down().withData("kafka", "DOWN: " + describe(e));
        }
        return response.build();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(KafkaClients.config(
                    kafka,
                    Map.of(
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()),
                    Map.of(AdminClientConfig.CLIENT_ID_CONFIG, application + "-health")));
        }
        return admin;
    }

    private static String describe(Exception e) {
        Throwable cause =
                e.getCause() != null && e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
