package io.switchboard.systemtest.soak;

import io.switchboard.systemtest.LocalPlatformUnderTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The faults of a soak, one at a time, the kinds taking turns: a service killed with SIGKILL (no shutdown, no last
 * write) and started again as the local run does; every database connection of the services terminated by PostgreSQL;
 * the Kafka broker stopped and started again after an outage.
 */
final class FaultSchedule implements AutoCloseable {

    static final List<String> SERVICES =
            List.of("channel-service", "message-queue-service", "notification-service", "billing-service");

    enum Kind {
        SERVICE_KILLED,
        DATABASE_CONNECTIONS_TERMINATED,
        KAFKA_RESTARTED
    }

    /** One fault: what, on what, when, and how long until the part was back. */
    record Fault(Kind kind, String target, Instant at, Duration back) {}

    final Queue<Fault> injected = new ConcurrentLinkedQueue<>();

    private final LocalPlatformUnderTest platform;
    private final SoakSettings settings;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private volatile boolean stopped;

    FaultSchedule(LocalPlatformUnderTest platform, SoakSettings settings) {
        this.platform = platform;
        this.settings = settings;
    }

    /** Faults until {@code end}: the first one {@code faultEvery} after the start. */
    void start(Instant end) {
        runner.execute(() -> {
            int turn = ThreadLocalRandom.current().nextInt(Kind.values().length);
            Instant next = Instant.now().plus(settings.faultEvery());
            while (!stopped && next.isBefore(end)) {
                SoakHttp.pause(Duration.between(Instant.now(), next));
                if (stopped) {
                    return;
                }
                Kind kind = Kind.values()[turn++ % Kind.values().length];
                injected.add(inject(kind));
                next = Instant.now().plus(settings.faultEvery());
            }
        });
    }

    /** Waits for a fault in progress to end (its part back), then stops. */
    void stop() throws InterruptedException {
        stopped = true;
        runner.shutdown();
        if (!runner.awaitTermination(6, TimeUnit.MINUTES)) {
            throw new AssertionError("a fault did not end within 6 minutes");
        }
    }

    private Fault inject(Kind kind) {
        Instant at = Instant.now();
        String target = switch (kind) {
            case SERVICE_KILLED -> killService();
            case DATABASE_CONNECTIONS_TERMINATED -> terminateConnections();
            case KAFKA_RESTARTED -> restartKafka();
        };
        Fault fault = new Fault(kind, target, at, Duration.between(at, Instant.now()));
        System.out.printf(
                "soak fault: %s %s (back after %d s)%n",
                kind, target, fault.back().toSeconds());
        return fault;
    }

    private String killService() {
        String service = SERVICES.get(ThreadLocalRandom.current().nextInt(SERVICES.size()));
        ProcessHandle process = platform.process(service);
        process.destroyForcibly(); // SIGKILL
        process.onExit().join();
        platform.startAgain(service);
        return service;
    }

    private String terminateConnections() {
        try (Connection connection =
                        DriverManager.getConnection(platform.jdbcUrl("postgres"), "switchboard", "switchboard");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"
                        + " AND datname IN ('channel', 'message_queue', 'notification', 'billing')")) {
            rows.next();
            return rows.getInt(1) + " connections";
        } catch (SQLException e) {
            throw new AssertionError("could not terminate the services' database connections", e);
        }
    }

    private String restartKafka() {
        ProcessHandle broker = platform.process("kafka");
        broker.destroy(); // SIGTERM: the broker stops
        broker.onExit().join();
        SoakHttp.pause(Duration.ofSeconds(settings.full() ? 20 : 5)); // the outage
        platform.startAgain("kafka");
        return "broker";
    }

    @Override
    public void close() {
        stopped = true;
        runner.shutdownNow();
    }
}
