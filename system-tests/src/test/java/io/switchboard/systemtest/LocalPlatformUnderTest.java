package io.switchboard.systemtest;

import io.switchboard.testkit.auth.KeyPairs;
import io.switchboard.testkit.auth.SecretKeys;
import io.switchboard.testkit.auth.TokenIssuer;
import io.switchboard.testkit.containers.ContainerInfrastructure;
import io.switchboard.testkit.process.DetachedLauncher;
import io.switchboard.testkit.process.JvmClasspath;
import io.switchboard.testkit.process.Ports;
import io.switchboard.testkit.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform started with the local run's own command ({@code up --detach}) on free ports, with its state
 * under {@code target/platform}, so it never collides with a platform a developer runs on the default ports. In the
 * Testcontainers mode it runs the images ({@code up --detach --containers}); the tests are the same.
 */
public final class LocalPlatformUnderTest {

    private static final char[] EXCHANGES = {'3', '4', '6', '7'};

    private final java.util.Set<String> handedOut = new java.util.HashSet<>();

    private static LocalPlatformUnderTest shared;

    /** One platform for every system test of this JVM, stopped with {@code down} when the JVM exits. */
    public static synchronized LocalPlatformUnderTest shared() {
        if (shared == null) {
            LocalPlatformUnderTest platform = new LocalPlatformUnderTest();
            platform.up();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> platform.down(), "system-test-platform-down"));
            shared = platform;
        }
        return shared;
    }

    private final Path root = Path.of(System.getProperty("switchboard.root")).toAbsolutePath();
    private final Path home;
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    LocalPlatformUnderTest() {
        this(Path.of(System.getProperty("switchboard.home")));
    }

    /** A platform of its own, apart from the shared one: its state in {@code home}, on ports of its own. */
    LocalPlatformUnderTest(Path home) {
        this.home = home.toAbsolutePath();
        for (String part : List.of(
                "POSTGRES",
                "KAFKA",
                "KAFKA_CONTROLLER",
                "SIMULATOR",
                "CHANNEL",
                "QUEUE",
                "NOTIFICATION",
                "BILLING",
                "CONSOLE")) {
            ports.put(part, Ports.free());
        }
    }

    void up() {
        run(upArgs());
    }

    /**
     * {@code up --detach}, with {@code --containers} in the Testcontainers mode ({@code
     * -Dswitchboard.test.infrastructure=containers}): then every part runs from its image, on the same ports.
     */
    private static String[] upArgs(String... more) {
        List<String> args = new ArrayList<>(List.of("up", "--detach"));
        if (ContainerInfrastructure.enabled()) {
            args.add("--containers");
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    void down(String... options) {
        List<String> args = new ArrayList<>(List.of("down"));
        args.addAll(List.of(options));
        run(args.toArray(String[]::new));
    }

    Path home() {
        return home;
    }

    public String kafka() {
        return "localhost:" + ports.get("KAFKA");
    }

    public String channelService() {
        return url("CHANNEL");
    }

    public String queueService() {
        return url("QUEUE");
    }

    public String notificationService() {
        return url("NOTIFICATION");
    }

    public String billingService() {
        return url("BILLING");
    }

    /** The operator console's page (its passage to the services' APIs is under it, at api/). */
    public String console() {
        return url("CONSOLE") + "/console/";
    }

    public String simulator() {
        return url("SIMULATOR");
    }

    /** The pid of the queue service the local run started. */
    public long queuePid() {
        return queueProcess().pid();
    }

    /** The queue service's process as the local run recorded it (to kill it as a crash would). */
    ProcessHandle queueProcess() {
        return process("message-queue-service");
    }

    /** A part's process as the local run recorded it (to kill it as a crash would). */
    public ProcessHandle process(String part) {
        long pid = new io.switchboard.testkit.process.StateRegistry(home.resolve("state"))
                .find(part)
                .orElseThrow(() -> new AssertionError("the local run recorded no " + part))
                .pid();
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(part + " (pid " + pid + ") is not running"));
    }

    /** Starts a part of the local run again after it went away ({@code ./switchboard up --detach --only <part>}). */
    public void startAgain(String part) {
        run(upArgs("--only", part));
    }

    /** JDBC URL of a service's database on the platform's PostgreSQL. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + ports.get("POSTGRES") + "/" + database;
    }

    ServiceProcess startSecondChannelService() {
        int port = Ports.free();
        return startReplica(
                "channel-service",
                "channel-service-2",
                port,
                "channel",
                Map.of("SWITCHBOARD_WEBHOOK_BASE_URL", "http://localhost:" + port));
    }

    /**
     * Another replica of a service on the same database and consumer group, as Kubernetes runs replicas; started and
     * ready.
     *
     * @param more settings of this replica only (environment variables)
     */
    ServiceProcess startReplica(String service, String name, int port, String database, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME",
                "switchboard",
                "QUARKUS_DATASOURCE_PASSWORD",
                "switchboard",
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                KeyPairs.publicPem(home.resolve("keys")).toString(),
                "MP_JWT_VERIFY_ISSUER",
                "switchboard",
                "SWITCHBOARD_PROVIDER_BASE_URL",
                simulator(),
                "SWITCHBOARD_PROVIDER_API_KEY",
                "local-provider-key"));
        env.put(SecretKeys.KEYS, SecretKeys.ensure(home.resolve("keys"))); // the local run's own: the same database
        env.putAll(more);
        ServiceProcess replica = new ServiceProcess(ServiceProcess.Settings.of(
                        name,
                        root.resolve(service + "/target/quarkus-app/quarkus-run.jar"),
                        port,
                        home.resolve("logs/" + name + ".log"))
                .withEnv(env));
        replica.start(Duration.ofMinutes(3));
        return replica;
    }

    /**
     * A valid number (+1 650 253, 254, 256 or 257 xxxx: 40,000 of them; 255 is left to the benchmarks' chats) that no
     * live channel has: the platform's state outlives a run, so a random pick is checked against the channel
     * database, and never handed out twice in one JVM.
     */
    public synchronized String freshPhone() {
        try (java.sql.Connection connection =
                        java.sql.DriverManager.getConnection(jdbcUrl("channel"), "switchboard", "switchboard");
                var taken = connection.prepareStatement("SELECT 1 FROM channel WHERE phone = ? AND NOT deleted")) {
            while (true) {
                java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
                String phone = "+165025" + EXCHANGES[random.nextInt(EXCHANGES.length)]
                        + String.format("%04d", random.nextInt(10_000));
                taken.setString(1, phone);
                try (var rows = taken.executeQuery()) {
                    if (!rows.next() && handedOut.add(phone)) {
                        return phone;
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not read the channel database", e);
        }
    }

    /** A field of a channel as its account sees it ({@code GET /v1/channels/{id}}). */
    public String channelField(String token, String channel, String field) {
        return io.restassured.RestAssured.given()
                .baseUri(channelService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}", channel)
                .then()
                .statusCode(200)
                .extract()
                .path(field);
    }

    /**
     * A channel created and brought to ACTIVE the way a person does (create it, scan the QR code), and known ACTIVE
     * to the queue too, so that a message sent now goes.
     */
    public String activeChannel(String token, String name) {
        Duration step = Duration.ofSeconds(60);
        String channel = io.restassured.RestAssured.given()
                .baseUri(channelService())
                .auth()
                .oauth2(token)
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("phone", freshPhone(), "name", name))
                .post("/v1/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        org.awaitility.Awaitility.await()
                .atMost(step)
                .until(() -> "QR_REQUIRED".equals(channelField(token, channel, "status")));
        io.restassured.RestAssured.given()
                .baseUri(simulator())
                .post("/control/channels/{id}/scan", channelField(token, channel, "providerChannelId"))
                .then()
                .statusCode(200);
        org.awaitility.Awaitility.await()
                .atMost(step)
                .until(() -> "ACTIVE"
                        .equals(io.restassured.RestAssured.given()
                                .baseUri(queueService())
                                .auth()
                                .oauth2(token)
                                .get("/v1/channels/{id}/queue", channel)
                                .then()
                                .extract()
                                .path("status")));
        return channel;
    }

    /** A token signed with the key pair the platform generated on its first start. */
    public String token(String account) {
        return issuer().token(account);
    }

    /** An operator's token: opens accounts, records payments. */
    public String opsToken() {
        return issuer().token(
                        "platform", java.util.Set.of(TokenIssuer.ACCOUNT_ADMIN, TokenIssuer.OPS), Duration.ofHours(2));
    }

    private TokenIssuer issuer() {
        return new TokenIssuer(KeyPairs.readPrivate(KeyPairs.privatePem(home.resolve("keys"))));
    }

    /** The setting of the keys that seal the secrets the services keep (the local run's own). */
    public String secretKeys() {
        return SecretKeys.ensure(home.resolve("keys"));
    }

    private String url(String part) {
        return "http://localhost:" + ports.get(part);
    }

    private void run(String... args) {
        List<String> command = new ArrayList<>(List.of(
                DetachedLauncher.java(),
                "-cp",
                JvmClasspath.current(),
                "-Dswitchboard.root=" + root,
                "-Dswitchboard.home=" + home,
                "io.switchboard.local.SwitchboardCli"));
        command.addAll(List.of(args));
        execute(command, args[0], Map.of());
    }

    /**
     * Runs the repository's own {@code ./switchboard} script, as the README tells a newcomer to, against this platform
     * (its ports, and its home through {@code JAVA_TOOL_OPTIONS}); answers what it printed.
     */
    String script(String... args) {
        List<String> command =
                new ArrayList<>(List.of("bash", root.resolve("switchboard").toString()));
        command.addAll(List.of(args));
        return execute(command, "script-" + args[0], Map.of("JAVA_TOOL_OPTIONS", "-Dswitchboard.home=" + home));
    }

    private String execute(List<String> command, String name, Map<String, String> more) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        ports.forEach((part, port) -> builder.environment().put("SWITCHBOARD_" + part + "_PORT", String.valueOf(port)));
        // Billing charges a day as soon as it has ended (not 10 minutes later), and looks every 2 s.
        builder.environment().put("SWITCHBOARD_BILLING_CHARGING_SETTLE", "0s");
        builder.environment().put("SWITCHBOARD_BILLING_CHARGING_INTERVAL", "2s");
        // A channel's change is told to its curators once it has held 20 s (not 60 s): long enough for a QR scan.
        builder.environment().put("SWITCHBOARD_NOTIFICATIONS_CHANNELS_DEBOUNCE", "20s");
        // Deliveries are retried every 2 s (not after 5 s, 5 min, ...), so that a retry falls within a test.
        builder.environment().put("SWITCHBOARD_NOTIFICATIONS_DELIVERY_SCHEDULE", "0s,2s,2s,2s,2s,2s");
        // A send is suspect after 30 s without any receipt (not 10 min), looked for every 2 s; probes every 5 s.
        builder.environment().put("SWITCHBOARD_DELIVERY_WATCH_WINDOW", "30s");
        builder.environment().put("SWITCHBOARD_DELIVERY_WATCH_SCAN_EVERY", "2s");
        builder.environment().put("SWITCHBOARD_DELIVERY_WATCH_PROBE_WAIT", "5s");
        builder.environment().put("SWITCHBOARD_DELIVERY_WATCH_PROBE_EVERY", "5s");
        // A Cloud API number's health status is asked for every 2 s (not every 15 min).
        builder.environment().put("SWITCHBOARD_CLOUD_API_HEALTH_POLL_EVERY", "2s");
        builder.environment().put("SWITCHBOARD_CLOUD_API_HEALTH_SCAN_EVERY", "1s");
        String simulatorHeap = System.getProperty("switchboard.simulator.heap");
        if (simulatorHeap != null) {
            builder.environment().put("SWITCHBOARD_SIMULATOR_HEAP", simulatorHeap);
        }
        builder.environment().putAll(more);
        String shown = "./switchboard "
                + String.join(
                        " ",
                        command.subList(
                                command.contains("io.switchboard.local.SwitchboardCli")
                                        ? command.indexOf("io.switchboard.local.SwitchboardCli") + 1
                                        : 2,
                                command.size()));
        try {
            Files.createDirectories(home);
            Path output = home.resolve("cli-" + name + ".out");
            Process process = builder.redirectOutput(output.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(shown + " did not finish in 5 minutes:\n" + Files.readString(output));
            }
            String printed = Files.readString(output);
            System.out.println(printed);
            if (process.exitValue() != 0) {
                throw new AssertionError(shown + " failed (exit " + process.exitValue() + "):\n" + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
