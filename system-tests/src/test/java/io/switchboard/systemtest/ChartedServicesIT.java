package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchboard.charts.Alert;
import io.switchboard.charts.Charts;
import io.switchboard.charts.Dashboard;
import io.switchboard.charts.Rendered;
import io.switchboard.charts.ValueSets;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.postgres.TestDatabase;
import io.switchboard.testkit.process.Ports;
import io.switchboard.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The umbrella chart rendered with the simulator on, and every Deployment run as a process with exactly the
 * environment and files it renders (against this JVM's own Kafka and PostgreSQL, not the shared platform): the
 * services start with the chart's settings, answer on the chart's probes, verify tokens with the key the chart
 * mounts, and export every metric the chart's alerts and dashboard read.
 */
class ChartedServicesIT {

    private static final Path HOME = Path.of("target/charted").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, ServiceProcess> PROCESSES = new LinkedHashMap<>();
    private static final Map<String, RenderedService> SERVICES = new LinkedHashMap<>();
    private static Rendered rendered;

    @BeforeAll
    static void startTheChartsDeployments() throws IOException {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : List.of(
                Charts.SIMULATOR,
                "channel-service",
                "message-queue-service",
                "notification-service",
                "billing-service",
                Charts.CONSOLE)) {
            ports.put(service, Ports.free());
        }
        ObjectNode values = ValueSets.umbrella("simulator");
        ObjectNode global = object(values, "global");
        object(global, "kafka").put("bootstrapServers", infrastructure.kafkaBootstrapServers());
        object(global, "jwt").put("publicKey", Files.readString(infrastructure.publicKeyPem()));
        object(global, "provider").put("baseUrl", "http://localhost:" + ports.get(Charts.SIMULATOR));
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        object(global, "secrets")
                .put("keys", "k1:" + java.util.Base64.getEncoder().encodeToString(key));
        for (String service : Charts.SERVICES) {
            TestDatabase database = TestDatabase.createOn(
                    infrastructure.database().jdbcUrl(),
                    infrastructure.database().username(),
                    infrastructure.database().password());
            ObjectNode section = object(values, service);
            object(section, "database")
                    .put("url", database.jdbcUrl())
                    .put("username", database.username())
                    .put("password", database.password());
            // A small heap for a test machine, through the chart's own percentage of the memory.
            object(section, "jvm").put("maxRamPercentage", 10).put("initialRamPercentage", 1);
        }
        // Not the service's own default (http://localhost:<port>): the chart's file must win over the image's.
        object(object(values, "channel-service"), "config")
                .put("switchboard.webhook.base-url", "http://127.0.0.1:" + ports.get("channel-service"));
        object(object(values, Charts.SIMULATOR), "jvm")
                .put("maxRamPercentage", 10)
                .put("initialRamPercentage", 1);
        // The console, with the services' addresses on this machine in place of the release's Service names.
        ObjectNode console = object(values, Charts.CONSOLE).put("enabled", true);
        object(console, "jvm").put("maxRamPercentage", 10).put("initialRamPercentage", 1);
        ObjectNode consoleConfig = object(console, "config");
        Map.of(
                        "channel", "channel-service",
                        "queue", "message-queue-service",
                        "notification", "notification-service",
                        "billing", "billing-service")
                .forEach((name, service) -> consoleConfig.put(
                        "switchboard.console.services." + name, "http://localhost:" + ports.get(service)));
        object(values, "alerts").put("enabled", true);
        rendered = Charts.template(Charts.UMBRELLA, ValueSets.write(values, HOME.resolve("values.yaml")), Map.of());

        for (Deployment deployment : rendered.all(Deployment.class)) {
            String chart = deployment.getMetadata().getLabels().get("app.kubernetes.io/name");
            RenderedService service = RenderedService.of(rendered, deployment, HOME.resolve(chart));
            SERVICES.put(chart, service);
            ServiceProcess process = new ServiceProcess(ServiceProcess.Settings.of(
                            chart,
                            Charts.ROOT.resolve(chart + "/target/quarkus-app/quarkus-run.jar"),
                            ports.get(chart),
                            HOME.resolve(chart + ".log"))
                    .withEnv(service.env())
                    .withJvmOptions(List.of()));
            PROCESSES.put(chart, process);
        }
        assertThat(PROCESSES.keySet())
                .containsExactlyInAnyOrder(
                        Charts.SIMULATOR,
                        "channel-service",
                        "message-queue-service",
                        "notification-service",
                        "billing-service",
                        Charts.CONSOLE);
        PROCESSES.values().forEach(ServiceProcess::start);
        for (ServiceProcess process : PROCESSES.values()) {
            process.awaitReady(Duration.ofMinutes(3));
        }
    }

    @AfterAll
    static void stop() {
        PROCESSES.values().forEach(ServiceProcess::stop);
    }

    @Test
    void everyServiceAnswersTheChartsProbesOnItsPort() {
        SERVICES.forEach((chart, service) -> {
            int port = PROCESSES.get(chart).settings().port();
            for (Probe probe : List.of(
                    service.container().getStartupProbe(),
                    service.container().getLivenessProbe(),
                    service.container().getReadinessProbe())) {
                assertThat(get(port, probe.getHttpGet().getPath(), null).statusCode())
                        .as("%s %s", chart, probe.getHttpGet().getPath())
                        .isEqualTo(200);
            }
        });
    }

    @Test
    void theServicesReadEverySettingTheChartGives() throws IOException {
        for (String chart : SERVICES.keySet()) {
            String log = Files.readString(PROCESSES.get(chart).settings().logFile());
            assertThat(log).as("%s's log", chart).doesNotContain("Unrecognized configuration key");
        }
        // Every service verifies tokens with the key the chart mounts from its Secret
        // (MP_JWT_VERIFY_PUBLICKEY_LOCATION).
        String token = TestInfrastructure.get().tokens().token("charted");
        Map<String, String> guarded = Map.of(
                "channel-service",
                "/v1/channels",
                "message-queue-service",
                "/v1/accounts/charted/send-policy",
                "notification-service",
                "/v1/accounts/charted/system-messages",
                "billing-service",
                "/v1/accounts/charted/billing");
        guarded.forEach((chart, path) -> {
            int port = PROCESSES.get(chart).settings().port();
            assertThat(get(port, path, token).statusCode())
                    .as("%s %s with a token", chart, path)
                    .isBetween(200, 404)
                    .isNotIn(401, 403);
            assertThat(get(port, path, "forged").statusCode())
                    .as("%s %s with a forged token", chart, path)
                    .isEqualTo(401);
        });
    }

    /** The console the chart installs reaches each service the chart configures, with the caller's token. */
    @Test
    void theChartedConsolePassesCallsToTheChartedServices() {
        int console = PROCESSES.get(Charts.CONSOLE).settings().port();
        String token = TestInfrastructure.get().tokens().token("charted");
        assertThat(get(console, "/console/", null).body()).contains("Switchboard console");
        for (String path : List.of(
                "/console/api/channel/v1/channels",
                "/console/api/queue/v1/accounts/charted/send-policy",
                "/console/api/notification/v1/accounts/charted/system-messages",
                "/console/api/billing/v1/billing/channels")) {
            assertThat(get(console, path, token).statusCode()).as(path).isEqualTo(200);
            assertThat(get(console, path, "forged").statusCode())
                    .as(path + " with a forged token")
                    .isEqualTo(401);
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        if (!(parent.get(field) instanceof ObjectNode)) {
            parent.putObject(field);
        }
        return (ObjectNode) parent.get(field);
    }

    @Test
    void aChannelOnTheChartedServicesReachesItsQrCodeThroughTheWebhookUrlOfTheChart() {
        int channel = PROCESSES.get("channel-service").settings().port();
        String token = TestInfrastructure.get().tokens().token("charted");
        HttpResponse<String> created =
                post(channel, "/v1/channels", token, "{\"phone\":\"+16502534242\",\"name\":\"Charted\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created.body()).path("id").asText();
        assertThat(json(get(channel, "/v1/channels/" + id + "/webhook", token).body())
                        .path("url")
                        .asText())
                .startsWith("http://127.0.0.1:" + channel + "/");
        // The simulator posts its webhooks there; through Kafka the channel comes to QR_REQUIRED.
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                json(get(channel, "/v1/channels/" + id, token).body())
                                        .path("status")
                                        .asText())
                        .isEqualTo("QR_REQUIRED"));
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsExported() {
        Set<String> wanted = new TreeSet<>();
        List<Alert> alerts = Alert.of(rendered);
        assertThat(alerts).isNotEmpty();
        alerts.forEach(alert -> wanted.addAll(alert.metrics()));
        wanted.addAll(Dashboard.shipped().metrics());
        // Gauges are read from the databases after a few seconds; Kafka's lag once the consumers fetch.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Set<String> exported = exported();
                    assertThat(wanted.stream()
                                    .filter(metric -> !exported.contains(metric))
                                    .toList())
                            .as("metrics read by the alerts or the dashboard that no service exports")
                            .isEmpty();
                });
    }

    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        for (String chart : Charts.SERVICES) {
            String body = get(PROCESSES.get(chart).settings().port(), "/q/metrics", null)
                    .body();
            names.addAll(body.lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0])
                    .collect(Collectors.toSet()));
        }
        return names;
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    private static HttpResponse<String> post(int port, String path, String token, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> get(int port, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
