package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.switchboard.contracts.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What the umbrella chart renders, checked against the services, the contracts and what a platform team expects. */
class RenderedManifestsTest {

    static final List<String> SETS = ValueSets.ALL;
    private static final String RELEASE = "switchboard";

    private static Rendered umbrella(String set) {
        return ValueSets.render(Charts.UMBRELLA, set);
    }

    /** The four services, and the simulator and the console where the set installs them. */
    private static List<String> servicesOf(String set) {
        var values = ValueSets.umbrella(set);
        return Stream.concat(
                        Charts.SERVICES.stream(),
                        Stream.of(Charts.SIMULATOR, Charts.CONSOLE)
                                .filter(chart ->
                                        values.path(chart).path("enabled").asBoolean()))
                .toList();
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SETS")
    void probesPointAtTheSmallRyeHealthEndpointsOnTheServicesPort(String set) {
        Rendered rendered = umbrella(set);
        for (String service : servicesOf(set)) {
            Deployment deployment = rendered.deployment(RELEASE + "-" + service);
            Container container = container(deployment);
            assertThat(container.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getName()).isEqualTo("http");
                // The service listens where the port says: QUARKUS_HTTP_PORT is set from the same value.
                assertThat(env(container).get("QUARKUS_HTTP_PORT")).isEqualTo(String.valueOf(port.getContainerPort()));
            });
            assertProbe(service, container.getStartupProbe(), "/q/health/started");
            assertProbe(service, container.getLivenessProbe(), "/q/health/live");
            assertProbe(service, container.getReadinessProbe(), "/q/health/ready");

            Service kubeService =
                    rendered.named(Service.class, RELEASE + "-" + service).orElseThrow();
            assertThat(kubeService.getSpec().getPorts())
                    .singleElement()
                    .satisfies(
                            port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
            assertThat(kubeService.getSpec().getSelector())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        }
    }

    private static void assertProbe(String service, Probe probe, String path) {
        assertThat(probe).as("%s probe on %s", service, path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SETS")
    void everyEnvironmentVariableAndSettingIsOneTheServiceReads(String set) {
        Rendered rendered = umbrella(set);
        for (String service : servicesOf(set)) {
            ServiceSettings settings = ServiceSettings.of(service);
            Container container = container(rendered.deployment(RELEASE + "-" + service));
            List<String> extra = extraEnvNames(set, service);
            assertThat(container.getEnv())
                    .extracting(EnvVar::getName)
                    .filteredOn(name -> !extra.contains(name))
                    .as("%s's environment", service)
                    .isNotEmpty()
                    .allMatch(
                            settings::reads,
                            "a setting " + service + " reads (its application.properties, the platform's, Kafka's)");
            Properties config = config(rendered, service);
            assertThat(config.stringPropertyNames())
                    .as("%s's config", service)
                    .allMatch(settings::readsProperty, "a property " + service + " names");
        }
    }

    private static List<String> extraEnvNames(String set, String service) {
        var section = ValueSets.umbrella(set).path(service).path("extraEnvVars");
        List<String> names = new ArrayList<>();
        section.forEach(variable -> names.add(variable.path("name").asText()));
        return names;
    }

    private static Properties config(Rendered rendered, String service) {
        ConfigMap map = rendered.named(ConfigMap.class, RELEASE + "-" + service).orElseThrow();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(map.getData().get("application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SETS")
    void podsRunAsNonRootOnAReadOnlyFileSystemWithNoCapabilitiesAndNoApiToken(String set) {
        for (Deployment deployment : umbrella(set).all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String name = deployment.getMetadata().getName();
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            // Another Service of the namespace must not inject KAFKA_* variables, which the services read as settings.
            assertThat(pod.getEnableServiceLinks()).as(name).isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            var security = pod.getContainers().get(0).getSecurityContext();
            assertThat(security.getRunAsNonRoot()).as(name).isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(security.getPrivileged()).as(name).isFalse();
            assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
            assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            // The one writable place, sized.
            assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(mount -> {
                assertThat(mount.getMountPath()).isEqualTo("/tmp");
                assertThat(pod.getVolumes()).anySatisfy(volume -> {
                    assertThat(volume.getName()).isEqualTo(mount.getName());
                    assertThat(volume.getEmptyDir().getSizeLimit()).isNotNull();
                });
            });
            // The JVM's heap follows the container's memory limit.
            assertThat(env(pod.getContainers().get(0)).get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
        }
    }

    @Test
    void byDefaultEveryServiceHasTwoReplicasADisruptionBudgetAndANetworkPolicyButNoSimulator() {
        Rendered rendered = umbrella(ValueSets.DEFAULTS);
        assertThat(rendered.all(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(
                        Charts.SERVICES.stream().map(s -> RELEASE + "-" + s).toList());
        assertThat(rendered.all(Deployment.class))
                .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(2));
        assertThat(rendered.all(PodDisruptionBudget.class)).hasSize(4).allSatisfy(pdb -> {
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsKey("app.kubernetes.io/name");
        });
        assertThat(rendered.all(NetworkPolicy.class)).hasSize(4);
        assertThat(rendered.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(rendered.ofKind("PrometheusRule")).isEmpty();
        assertThat(rendered.ofKind("ServiceMonitor")).isEmpty();
        // The graceful stop of the queue (in-flight calls get 10 s, then the finished runs are written) fits.
        assertThat(rendered.deployment(RELEASE + "-message-queue-service")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getTerminationGracePeriodSeconds())
                .isGreaterThan(30);
    }

    @Test
    void valuesAnEngineerChangesRenderAsMeant() {
        ObjectNode values = ValueSets.YAML.createObjectNode();
        values.putObject("updateStrategy").put("type", "Recreate");
        values.putObject("pdb").put("maxUnavailable", 0);
        values.putObject("kafka").putObject("sasl").put("enabled", true).put("existingSecret", "queue-user");
        values.putObject("config").put("kafka.max.request.size", 2097152).put("switchboard.dispatch.lanes", 32);
        Rendered rendered = Charts.template(
                "message-queue-service",
                ValueSets.write(values, java.nio.file.Path.of("target/values/message-queue-service-changed.yaml")),
                Map.of());
        Deployment deployment = rendered.deployment(RELEASE + "-message-queue-service");
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate()).isNull();
        assertThat(rendered.all(PodDisruptionBudget.class))
                .singleElement()
                .satisfies(pdb -> assertThat(pdb.getSpec().getMaxUnavailable().getIntVal())
                        .isZero());
        // The service's own Kafka user over the shared settings.
        assertThat(secretRef(container(deployment), "KAFKA_SASL_JAAS_CONFIG")).isEqualTo("queue-user/sasl.jaas.config");
        assertThat(env(container(deployment))).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        // Whole numbers stay whole numbers (YAML gives Helm a float), and the file wins over the image's own settings.
        assertThat(rendered.named(ConfigMap.class, RELEASE + "-message-queue-service")
                        .orElseThrow()
                        .getData()
                        .get("application.properties"))
                .contains("config_ordinal=275", "kafka.max.request.size=2097152", "switchboard.dispatch.lanes=32");
        assertThat(Charts.template("billing-service", null, Map.of("pdb.minAvailable", "50%"))
                        .all(PodDisruptionBudget.class))
                .singleElement()
                .satisfies(pdb -> {
                    assertThat(pdb.getSpec().getMinAvailable().getStrVal()).isEqualTo("50%");
                    assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
                });
    }

    @Test
    void twoReleasesShipTwoDashboards() {
        var dashboard = umbrella("production").all(ConfigMap.class).stream()
                .filter(map -> map.getData() != null && map.getData().containsKey("switchboard.json"))
                .findFirst()
                .orElseThrow();
        assertThat(dashboard.getData().get("switchboard.json"))
                .contains("\"uid\": \"switchboard-switchboard\"")
                .doesNotContain("switchboard-overview");
    }

    @Test
    void imagesDefaultToWhereTheImagesProfilePushesThem() {
        String registry = System.getProperty("switchboard.image.registry");
        String group = System.getProperty("switchboard.image.group");
        String tag = System.getProperty("switchboard.image.tag");
        assertThat(registry).as("the pom's image registry").isNotBlank();
        Rendered rendered = umbrella("simulator");
        for (String service : servicesOf("simulator")) {
            assertThat(container(rendered.deployment(RELEASE + "-" + service)).getImage())
                    .isEqualTo(registry + "/" + group + "/" + service + ":" + tag);
        }
    }

    @Test
    void productionValuesScaleSecureAndObserveTheServices() {
        Rendered rendered = umbrella("production");
        Deployment channel = rendered.deployment(RELEASE + "-channel-service");
        // Autoscaled: the Deployment leaves replicas to the HPA.
        assertThat(channel.getSpec().getReplicas()).isNull();
        assertThat(rendered.named(HorizontalPodAutoscaler.class, RELEASE + "-channel-service"))
                .hasValueSatisfying(hpa -> {
                    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
                    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(12);
                });
        assertThat(container(channel).getImage())
                .isEqualTo("registry.example.com/switchboard/channel-service@"
                        + "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(channel.getSpec().getTemplate().getSpec().getImagePullSecrets())
                .extracting("name")
                .containsExactly("registry-credentials");
        Map<String, String> env = env(container(channel));
        assertThat(env)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "events-kafka-bootstrap.kafka:9093")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/switchboard/kafka-ca/ca.crt")
                .containsEntry(
                        "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://pg-channel.db:5432/channel?sslmode=require")
                .containsEntry("SWITCHBOARD_PROVIDER_BASE_URL", "https://gate.whapi.cloud");
        assertThat(secretRef(container(channel), "KAFKA_SASL_JAAS_CONFIG"))
                .isEqualTo("switchboard-kafka-user/sasl.jaas.config");
        assertThat(secretRef(container(channel), "SWITCHBOARD_PROVIDER_API_KEY"))
                .isEqualTo("whapi/token");
        assertThat(channel.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(volume -> {
            assertThat(volume.getName()).isEqualTo("kafka-ca");
            assertThat(volume.getSecret().getSecretName()).isEqualTo("events-cluster-ca-cert");
        });
        // Only the ingress controller's namespace and this release's pods may connect.
        NetworkPolicy policy = rendered.named(NetworkPolicy.class, RELEASE + "-channel-service")
                .orElseThrow();
        assertThat(policy.getSpec().getIngress().get(0).getFrom())
                .filteredOn(peer -> peer.getNamespaceSelector() != null)
                .anySatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsEntry("kubernetes.io/metadata.name", "ingress-nginx"));
        // The webhooks' ingress, and the console's (its pages on a host of their own).
        assertThat(rendered.ofKind("Ingress"))
                .extracting(ingress -> ingress.getMetadata().getName())
                .containsExactlyInAnyOrder(RELEASE + "-channel-service", RELEASE + "-console");
        assertThat(rendered.ofKind("ServiceMonitor")).hasSize(4).allSatisfy(monitor -> {
            Map<String, Object> endpoint = endpoints(monitor).get(0);
            assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");
        });
        assertThat(rendered.named(PodDisruptionBudget.class, RELEASE + "-message-queue-service"))
                .hasValueSatisfying(pdb ->
                        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2));
        assertThat(env(container(rendered.deployment(RELEASE + "-message-queue-service")))
                        .get("JAVA_TOOL_OPTIONS"))
                .contains("-XX:MaxRAMPercentage=70");
        assertThat(rendered.ofKind("PrometheusRule"))
                .singleElement()
                .satisfies(rule ->
                        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack"));
        assertThat(rendered.all(ConfigMap.class)).anySatisfy(map -> {
            assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
            assertThat(map.getData()).containsKey("switchboard.json");
        });
    }

    @Test
    void existingSecretsAreReferencedAndNoCredentialIsWritten() {
        Rendered rendered = umbrella("existing-secrets");
        assertThat(secretRef(
                        container(rendered.deployment(RELEASE + "-channel-service")), "QUARKUS_DATASOURCE_PASSWORD"))
                .isEqualTo("channel-db/pw");
        assertThat(secretRef(
                        container(rendered.deployment(RELEASE + "-billing-service")), "QUARKUS_DATASOURCE_PASSWORD"))
                .isEqualTo("billing-db/password");
        assertThat(secretRef(
                        container(rendered.deployment(RELEASE + "-notification-service")), "QUARKUS_MAILER_PASSWORD"))
                .isEqualTo("smtp/password");
        assertThat(secretRef(
                        container(rendered.deployment(RELEASE + "-message-queue-service")), "KAFKA_SASL_JAAS_CONFIG"))
                .isEqualTo("kafka-user/sasl.jaas.config");
        for (String sealing : List.of("-channel-service", "-notification-service")) {
            assertThat(secretRef(container(rendered.deployment(RELEASE + sealing)), "SWITCHBOARD_SECRETS_KEYS"))
                    .isEqualTo("sealing-keys/keys");
        }
        for (Deployment deployment : rendered.all(Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                    .anySatisfy(volume -> {
                        assertThat(volume.getName()).isEqualTo("jwt");
                        assertThat(volume.getSecret().getSecretName()).isEqualTo("jwt-public-key");
                        assertThat(volume.getSecret().getItems())
                                .singleElement()
                                .satisfies(item -> {
                                    assertThat(item.getKey()).isEqualTo("key.pem");
                                    assertThat(item.getPath()).isEqualTo("public.pem");
                                });
                    });
        }
        // No Secret of the chart's own, not even an empty one; nor for the simulator, which has no credential.
        assertThat(rendered.all(Secret.class)).isEmpty();
        assertThat(ValueSets.render(Charts.SIMULATOR, ValueSets.DEFAULTS).all(Secret.class))
                .isEmpty();
    }

    @Test
    void inlineCredentialsGoIntoTheChartsSecretsNotIntoTheEnvironment() {
        Rendered rendered = umbrella("inline-secrets");
        Deployment channel = rendered.deployment(RELEASE + "-channel-service");
        assertThat(rendered.text())
                .doesNotContain("channel-secret", "provider-secret", "kafka-secret", "L3B2OdsC8hhu9pZ8FAY8j");
        Secret secret =
                rendered.named(Secret.class, RELEASE + "-channel-service").orElseThrow();
        assertThat(decode(secret, "database-password")).isEqualTo("channel-secret");
        assertThat(decode(secret, "provider-api-key")).isEqualTo("provider-secret");
        assertThat(decode(secret, "kafka-sasl-jaas-config"))
                .isEqualTo(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"switchboard\" password=\"kafka-secret\";");
        assertThat(secretRef(container(channel), "QUARKUS_DATASOURCE_PASSWORD"))
                .isEqualTo(RELEASE + "-channel-service/database-password");
        assertThat(decode(secret, "secrets-keys")).startsWith("k2:L3B2OdsC8hhu9pZ8FAY8j");
        assertThat(secretRef(container(channel), "SWITCHBOARD_SECRETS_KEYS"))
                .isEqualTo(RELEASE + "-channel-service/secrets-keys");
        assertThat(rendered.named(Secret.class, RELEASE + "-channel-service-jwt"))
                .hasValueSatisfying(
                        jwt -> assertThat(decode(jwt, "public.pem")).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertThat(decode(
                        rendered.named(Secret.class, RELEASE + "-notification-service")
                                .orElseThrow(),
                        "mail-password"))
                .isEqualTo("mail-secret");
        // A changed secret rolls the pods.
        assertThat(channel.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey("checksum/secret");
    }

    @Test
    void theConsoleIsInstalledOnlyWhenAskedAndCallsTheServicesOfItsRelease() {
        Rendered rendered = umbrella("production");
        assertThat(rendered.deployment(RELEASE + "-console").getSpec().getReplicas())
                .isEqualTo(2);
        assertThat(config(rendered, "console"))
                .containsEntry("switchboard.console.services.channel", "http://switchboard-channel-service:8080")
                .containsEntry("switchboard.console.services.queue", "http://switchboard-message-queue-service:8080")
                .containsEntry(
                        "switchboard.console.services.notification", "http://switchboard-notification-service:8080")
                .containsEntry("switchboard.console.services.billing", "http://switchboard-billing-service:8080");
        assertThat(rendered.named(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, RELEASE + "-console"))
                .hasValueSatisfying(ingress -> assertThat(ingress.getSpec().getRules())
                        .singleElement()
                        .satisfies(rule -> assertThat(rule.getHttp().getPaths())
                                .extracting(path -> path.getPath())
                                .containsExactly("/console")));
        assertThat(umbrella(ValueSets.DEFAULTS).named(Deployment.class, RELEASE + "-console"))
                .isEmpty();
    }

    @Test
    void theSimulatorIsInstalledOnlyWhenAskedAndTheServicesCallIt() {
        Rendered rendered = umbrella("simulator");
        assertThat(rendered.deployment(RELEASE + "-provider-simulator")
                        .getSpec()
                        .getReplicas())
                .isEqualTo(1);
        assertThat(env(container(rendered.deployment(RELEASE + "-channel-service"))))
                .containsEntry("SWITCHBOARD_PROVIDER_BASE_URL", "http://switchboard-provider-simulator:8080");
        assertThat(rendered.named(Service.class, RELEASE + "-provider-simulator"))
                .isPresent();
        assertThat(umbrella(ValueSets.DEFAULTS).named(Deployment.class, RELEASE + "-provider-simulator"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SETS")
    void everyTopicOfTheContractsIsAKafkaTopicUnlessTopicsAreOff(String set) {
        List<HasMetadata> topics = umbrella(set).ofKind("KafkaTopic");
        if ("topics-off".equals(set)) {
            assertThat(topics).isEmpty();
            return;
        }
        var values = ValueSets.merge(defaults(), ValueSets.umbrella(set)).path("topics");
        Map<String, HasMetadata> byName = topics.stream()
                .collect(Collectors.toMap(topic -> (String) spec(topic).get("topicName"), Function.identity()));
        assertThat(byName.keySet())
                .containsExactlyInAnyOrderElementsOf(Topics.allWithDeadLetters().stream()
                        .map(Topics.TopicSpec::name)
                        .toList());
        for (Topics.TopicSpec contract : Topics.allWithDeadLetters()) {
            HasMetadata topic = byName.get(contract.name());
            boolean deadLetter = contract.name().endsWith(Topics.DLQ_SUFFIX);
            assertThat(topic.getApiVersion())
                    .isEqualTo(values.path("apiVersion").asText());
            assertThat(topic.getMetadata().getLabels())
                    .containsEntry(
                            "strimzi.io/cluster", values.path("kafkaCluster").asText());
            assertThat(topic.getMetadata().getNamespace())
                    .isEqualTo(
                            values.path("namespace").asText().isEmpty()
                                    ? "messaging"
                                    : values.path("namespace").asText());
            assertThat(((Number) spec(topic).get("partitions")).intValue())
                    .as(contract.name())
                    .isEqualTo(
                            deadLetter
                                    ? contract.partitions()
                                    : values.path("partitions").asInt());
            assertThat(((Number) spec(topic).get("replicas")).intValue())
                    .isEqualTo(values.path("replicas").asInt());
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec(topic).get("config");
            assertThat(config.get("cleanup.policy"))
                    .as(contract.name())
                    .isEqualTo(contract.compacted() ? "compact" : "delete");
            if (!contract.compacted()) {
                assertThat(((Number) config.get("retention.ms")).longValue())
                        .isEqualTo(values.path(deadLetter ? "deadLetterRetentionMs" : "retentionMs")
                                .asLong());
            }
            // A topic outlives the release that made it.
            assertThat(topic.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        }
        // The latest state of each channel is kept by key, whatever the contracts' flags say.
        assertThat(spec(byName.get(Topics.CHANNEL_STATE)).get("config"))
                .isEqualTo(Map.of(
                        "cleanup.policy",
                        "compact",
                        "min.insync.replicas",
                        Math.min(
                                values.path("minInSyncReplicas").asInt(),
                                values.path("replicas").asInt())));
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookThatExists() throws IOException {
        String runbooks = java.nio.file.Files.readString(Charts.ROOT.resolve("deploy/README.md"));
        List<Alert> alerts = Alert.of(umbrella("production"));
        assertThat(alerts)
                .extracting(Alert::name)
                .contains(
                        "SwitchboardQueueBacklogGrowing",
                        "SwitchboardOldestHeldMessageTooOld",
                        "SwitchboardChannelsStuck",
                        "SwitchboardChannelsUnstable",
                        "SwitchboardConsumerLagging",
                        "SwitchboardDeadLettersGrowing",
                        "SwitchboardOutboxNotDraining");
        for (Alert alert : alerts) {
            assertThat(alert.labels()).as(alert.name()).containsKey("severity");
            assertThat(alert.annotations()).as(alert.name()).containsKeys("summary", "runbook", "runbook_url");
            String anchor = alert.annotations()
                    .get("runbook_url")
                    .substring(alert.annotations().get("runbook_url").indexOf('#') + 1);
            assertThat(anchor).isEqualTo(alert.name().toLowerCase());
            // deploy/README.md has a heading per alert: GitHub makes the anchor from it.
            assertThat(runbooks)
                    .as("deploy/README.md heading for %s", alert.name())
                    .contains("### " + alert.name());
            assertThat(alert.metrics()).as(alert.name()).isNotEmpty();
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode defaults() {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) ValueSets.YAML.readTree(
                    Charts.source(Charts.UMBRELLA).resolve("values.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> spec(HasMetadata resource) {
        return Rendered.spec(resource);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> endpoints(HasMetadata monitor) {
        return (List<Map<String, Object>>) Rendered.spec(monitor).get("endpoints");
    }

    static Map<String, String> env(Container container) {
        return container.getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    /** secret/key an environment variable is read from. */
    private static String secretRef(Container container, String name) {
        return container.getEnv().stream()
                .filter(variable -> variable.getName().equals(name))
                .findFirst()
                .map(variable -> variable.getValueFrom().getSecretKeyRef())
                .map(ref -> ref.getName() + "/" + ref.getKey())
                .orElseThrow(() -> new AssertionError(name + " is not in " + container.getName() + "'s environment"));
    }

    private static String decode(Secret secret, String key) {
        String value = Objects.requireNonNull(
                secret.getData().get(key), key + " in " + secret.getMetadata().getName());
        return new String(Base64.getDecoder().decode(value), java.nio.charset.StandardCharsets.UTF_8);
    }
}
