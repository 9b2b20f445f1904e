package io.switchboard.local;

import io.switchboard.testkit.auth.SecretKeys;
import io.switchboard.testkit.kafka.TopicCreator;
import io.switchboard.testkit.process.KafkaBrokerProcess;
import io.switchboard.testkit.process.PostgresServerProcess;
import io.switchboard.testkit.process.ServiceProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The parts of the local platform in start order, each configured for this machine. */
final class LocalPlatform {

    static final String SIMULATOR = "provider-simulator";
    static final String CONSOLE = "console";
    static final String PROVIDER_API_KEY = "local-provider-key";
    /** The Meta app's secret the simulator signs Cloud API numbers' webhooks with, and channel-service checks. */
    static final String META_APP_SECRET = "local-meta-app-secret";

    static final String SIMULATOR_HEAP = "SWITCHBOARD_SIMULATOR_HEAP";
    static final String JWT_ISSUER = "switchboard";

    /** A service, its database, and whether it calls the provider (through the simulator). */
    record Service(String name, int port, String database, boolean callsProvider) {}

    private final List<Part> parts;

    LocalPlatform(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    static LocalPlatform create(LocalLayout layout, LocalPorts ports, LocalKeys keys) {
        List<Service> services = List.of(
                new Service("channel-service", ports.channel(), "channel", true),
                new Service("message-queue-service", ports.queue(), "message_queue", true),
                new Service("notification-service", ports.notification(), "notification", false),
                new Service("billing-service", ports.billing(), "billing", false));

        PostgresServerProcess postgres = new PostgresServerProcess(PostgresServerProcess.Settings.of(layout.postgres())
                .withPort(ports.postgres())
                .withLogFile(layout.log(PostgresPart.NAME)));
        KafkaBrokerProcess kafka = new KafkaBrokerProcess(KafkaBrokerProcess.Settings.of(layout.kafka())
                .withPorts(ports.kafka(), ports.kafkaController())
                .withLogFile(layout.log(KafkaPart.NAME)));

        List<Part> parts = new ArrayList<>();
        parts.add(new PostgresPart(
                postgres, services.stream().map(Service::database).toList()));
        parts.add(new KafkaPart(kafka));
        ServiceProcess.Settings simulator = ServiceProcess.Settings.of(
                SIMULATOR, layout.quarkusJar(SIMULATOR), ports.simulator(), layout.log(SIMULATOR));
        parts.add(new JarPart(simulator
                .withJvmOptions(simulatorJvmOptions(simulator, System.getenv()))
                .withEnv(Map.of(
                        "SIMULATOR_API_KEY",
                        PROVIDER_API_KEY,
                        "SIMULATOR_META_WEBHOOK_URL",
                        "http://localhost:" + ports.channel() + "/v1/provider/meta/webhooks",
                        "SIMULATOR_META_APP_SECRET",
                        META_APP_SECRET,
                        // Slow enough that a new channel stays STARTING long enough to watch.
                        "SIMULATOR_BOOT_STEP_DELAY",
                        "2s"))));
        for (Service service : services) {
            Map<String, String> env = new HashMap<>(postgres.datasourceEnv(service.database()));
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicPem().toString());
            env.put("MP_JWT_VERIFY_ISSUER", JWT_ISSUER);
            // A key of the local run's own (made once, 0600) to seal the secrets the services keep.
            env.put(SecretKeys.KEYS, keys.secretKeys());
            if (service.callsProvider()) {
                env.put("SWITCHBOARD_PROVIDER_BASE_URL", "http://localhost:" + ports.simulator());
                env.put("SWITCHBOARD_PROVIDER_API_KEY", PROVIDER_API_KEY);
            }
            if (service.name().equals("channel-service")) {
                env.put("SWITCHBOARD_WEBHOOK_BASE_URL", "http://localhost:" + service.port());
                env.put("SWITCHBOARD_CLOUD_API_WEBHOOK_APP_SECRET", META_APP_SECRET);
            }
            if (service.name().equals("notification-service")) {
                env.put("SWITCHBOARD_CURATORS_ALLOW_LOCAL_WEBHOOKS", "true"); // a curator's receiver on this machine
                // no SMTP server on a developer's machine: curators' emails are written to the service's log
                env.put("QUARKUS_MAILER_MOCK", "true");
            }
            parts.add(new JarPart(ServiceProcess.Settings.of(
                            service.name(),
                            layout.quarkusJar(service.name()),
                            service.port(),
                            layout.log(service.name()))
                    .withEnv(env)));
        }
        // The console passes the browser's calls, with the user's token, to the services' APIs.
        parts.add(new JarPart(
                ServiceProcess.Settings.of(CONSOLE, layout.quarkusJar(CONSOLE), ports.console(), layout.log(CONSOLE))
                        .withEnv(Map.of(
                                "SWITCHBOARD_CONSOLE_SERVICES_CHANNEL", "http://localhost:" + ports.channel(),
                                "SWITCHBOARD_CONSOLE_SERVICES_QUEUE", "http://localhost:" + ports.queue(),
                                "SWITCHBOARD_CONSOLE_SERVICES_NOTIFICATION", "http://localhost:" + ports.notification(),
                                "SWITCHBOARD_CONSOLE_SERVICES_BILLING", "http://localhost:" + ports.billing()))));
        return new LocalPlatform(parts);
    }

    /**
     * The same parts as containers on the host's network ({@code up --containers}): the same ports and settings, the
     * images of {@code deploy/images/build.sh}, PostgreSQL's and Kafka's data in volumes of their own.
     */
    static LocalPlatform containers(
            LocalLayout layout, LocalPorts ports, LocalKeys keys, ContainerEngine engine, ContainerImages images) {
        String label = layout.home().toString();
        String prefix = layout.home().equals(layout.root().resolve(".switchboard"))
                ? "switchboard-"
                : "switchboard-" + Integer.toHexString(label.hashCode()) + "-";
        List<Part> parts = new ArrayList<>();
        for (Part part : create(layout, ports, keys).parts()) {
            String name = prefix + part.name();
            if (part instanceof PostgresPart postgres) {
                parts.add(new ContainerPart(
                        postgres,
                        new ContainerEngine.Spec(
                                name,
                                images.postgres(),
                                label,
                                Map.of(
                                        "POSTGRES_USER", PostgresServerProcess.USER,
                                        "POSTGRES_PASSWORD", PostgresServerProcess.PASSWORD),
                                Map.of(name + "-data", "/var/lib/postgresql/data"),
                                Map.of(),
                                List.of(
                                        "-c", "port=" + postgres.port(),
                                        "-c", "listen_addresses=localhost",
                                        "-c", "max_connections=200",
                                        "-c", "synchronous_commit=off")),
                        engine,
                        postgres::answers,
                        port -> postgres.createDatabases()));
            } else if (part instanceof KafkaPart kafka) {
                int port = kafka.port();
                int controller = kafka.ports().get(1);
                Map<String, String> env = new HashMap<>();
                env.put("KAFKA_LISTENERS", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controller);
                env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://localhost:" + port);
                env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:" + controller);
                env.put("KAFKA_NUM_PARTITIONS", "6");
                env.put("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "6");
                env.put("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "6");
                env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1");
                env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
                env.put("KAFKA_HEAP_OPTS", "-Xmx512m -Xms128m");
                parts.add(new ContainerPart(
                        kafka,
                        new ContainerEngine.Spec(
                                name,
                                images.kafka(),
                                label,
                                env,
                                Map.of(name + "-data", "/var/lib/kafka/data"),
                                Map.of(),
                                List.of()),
                        engine,
                        kafka::answers,
                        answering -> TopicCreator.createAll("localhost:" + answering)));
            } else if (part instanceof JarPart jar) {
                ServiceProcess.Settings settings = jar.settings();
                Map<String, String> env = new HashMap<>(forwarded(System.getenv()));
                env.putAll(settings.env());
                // The key is mounted where the services read it by default (as the charts mount it).
                env.remove("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
                env.put("QUARKUS_HTTP_PORT", Integer.toString(settings.port()));
                env.put("JAVA_TOOL_OPTIONS", String.join(" ", settings.jvmOptions()));
                parts.add(new ContainerPart(
                        jar,
                        new ContainerEngine.Spec(
                                name,
                                images.service(jar.name()),
                                label,
                                env,
                                Map.of(),
                                Map.of(keys.publicPem().toString(), "/etc/switchboard/jwt/public.pem"),
                                List.of()),
                        engine,
                        ServiceProcess::answers,
                        port -> {}));
            } else {
                throw new IllegalStateException("No container for " + part.name());
            }
        }
        return new LocalPlatform(parts);
    }

    /**
     * The settings in this command's environment that a service or the simulator reads (a process inherits the whole
     * environment; a container gets these).
     */
    static Map<String, String> forwarded(Map<String, String> env) {
        Map<String, String> settings = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("SWITCHBOARD_")
                    || name.startsWith("QUARKUS_")
                    || name.startsWith("SIMULATOR_")
                    || name.startsWith("MP_")) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /**
     * The simulator keeps every message its phones received (for inspection): {@code SWITCHBOARD_SIMULATOR_HEAP}
     * (e.g. {@code 2g}) gives it more than the default heap, for runs of a million messages.
     */
    static List<String> simulatorJvmOptions(ServiceProcess.Settings simulator, Map<String, String> env) {
        String heap = env.getOrDefault(SIMULATOR_HEAP, "").trim();
        if (heap.isEmpty()) {
            return simulator.jvmOptions();
        }
        if (!heap.matches("\\d+[mMgG]")) {
            throw new CliException(SIMULATOR_HEAP + "=" + heap + " is not a heap size such as 512m or 2g");
        }
        List<String> options = new ArrayList<>(simulator.jvmOptions());
        options.removeIf(option -> option.startsWith("-Xmx"));
        options.add("-Xmx" + heap);
        return options;
    }

    /** Every part, in start order. */
    List<Part> parts() {
        return parts;
    }

    Optional<Part> part(String name) {
        return parts.stream().filter(part -> part.name().equals(name)).findFirst();
    }

    /**
     * The named parts in start order; naming any application brings PostgreSQL and Kafka along, which every
     * service needs. An empty selection means all.
     */
    List<Part> select(Set<String> names) {
        if (names.isEmpty()) {
            return parts;
        }
        Set<String> known = new TreeSet<>(parts.stream().map(Part::name).toList());
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new CliException("No part named '" + name + "'. Parts: " + String.join(", ", known));
            }
            wanted.add(name);
        }
        if (wanted.stream().anyMatch(name -> name.endsWith("-service"))) {
            wanted.add(PostgresPart.NAME);
            wanted.add(KafkaPart.NAME);
        }
        return parts.stream().filter(part -> wanted.contains(part.name())).toList();
    }
}
