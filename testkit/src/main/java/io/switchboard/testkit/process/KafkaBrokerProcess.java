package io.switchboard.testkit.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) as a child {@code java} process, from the Kafka
 * jars on this JVM's classpath. Storage is formatted on the first start only, so topics and records survive a
 * restart. The process outlives this JVM until {@link #stop()} or a SIGTERM to its pid.
 */
public final class KafkaBrokerProcess {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * @param dataDir holds server.properties and the log segments
     * @param classpath for the child JVM; must hold kafka_2.13 and its dependencies
     */
    public record Settings(
            Path dataDir, int port, int controllerPort, Path logFile, List<String> jvmOptions, String classpath) {

        /** Port 9092, controller port 9093, 256 MB heap, the log beside the data, this JVM's classpath. */
        public static Settings of(Path dataDir) {
            Path dir = dataDir.toAbsolutePath();
            return new Settings(
                    dir,
                    DEFAULT_PORT,
                    DEFAULT_CONTROLLER_PORT,
                    dir.resolve("kafka.log"),
                    List.of("-Xmx256m"),
                    withoutQuarkus(JvmClasspath.current()));
        }

        /**
         * The broker needs no Quarkus; on a Quarkus test classpath Quarkus' log configurator would hold the broker's
         * log back until a Quarkus application starts, i.e. forever.
         */
        static String withoutQuarkus(String classpath) {
            return Arrays.stream(classpath.split(File.pathSeparator))
                    .filter(entry -> !Path.of(entry).getFileName().toString().matches("quarkus-.*\\.jar"))
                    .collect(Collectors.joining(File.pathSeparator));
        }

        public Settings withPorts(int port, int controllerPort) {
            return new Settings(dataDir, port, controllerPort, logFile, jvmOptions, classpath);
        }

        public Settings withLogFile(Path logFile) {
            return new Settings(dataDir, port, controllerPort, logFile.toAbsolutePath(), jvmOptions, classpath);
        }

        public Settings withJvmOptions(List<String> jvmOptions) {
            return new Settings(dataDir, port, controllerPort, logFile, List.copyOf(jvmOptions), classpath);
        }

        public Settings withClasspath(String classpath) {
            return new Settings(dataDir, port, controllerPort, logFile, jvmOptions, classpath);
        }
    }

    private final Settings settings;
    private ProcessHandle process;

    public KafkaBrokerProcess(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public String bootstrapServers() {
        return "localhost:" + settings.port();
    }

    /** Formats the storage if this is the first start, starts the broker and waits until it serves requests. */
    public ProcessHandle start(Duration timeout) {
        for (int port : new int[] {settings.port(), settings.controllerPort()}) {
            if (!Ports.isFree(port)) {
                throw new ProcessStartException("Kafka cannot start: port " + port + " is in use by another program");
            }
        }
        Path config = writeConfig();
        if (!Files.exists(logDirs().resolve("meta.properties"))) {
            format(config);
        }
        List<String> command = new ArrayList<>();
        command.add(DetachedLauncher.java());
        command.addAll(settings.jvmOptions());
        command.addAll(loggingOptions());
        command.addAll(List.of("-Djava.awt.headless=true", "kafka.Kafka", config.toString()));
        // The classpath goes by environment: it is long, and would drown the command line in ps.
        process = DetachedLauncher.start(
                        command, Map.of("CLASSPATH", settings.classpath()), settings.dataDir(), settings.logFile())
                .toHandle();
        awaitReady(timeout);
        return process;
    }

    /** The process started by {@link #start}, if any. */
    public ProcessHandle process() {
        return process;
    }

    public boolean isReady() {
        return answers(bootstrapServers(), Duration.ofSeconds(3));
    }

    /** Whether a broker at {@code bootstrapServers} describes its cluster with at least one live node in time. */
    public static boolean answers(String bootstrapServers, Duration timeout) {
        int millis = (int) timeout.toMillis();
        try (Admin admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
            // The metadata of a KRaft cluster lists only unfenced brokers: a node means it takes requests.
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                    .nodes()
                    .get(millis, TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the broker started by {@link #start}: SIGTERM for a controlled shutdown, SIGKILL after 30 s. */
    public void stop() {
        if (process != null) {
            GracefulStop.stop(process, STOP_GRACE);
        }
    }

    /** Stops a broker started by another JVM. */
    public static void stop(ProcessState state) {
        GracefulStop.stop(state, STOP_GRACE);
    }

    /** Waits until the broker serves requests; on failure (or interrupt) stops it and shows its log tail. */
    private void awaitReady(Duration timeout) {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!(Ports.answers(settings.port()) && answers(bootstrapServers(), Duration.ofSeconds(2)))) {
                if (!process.isAlive()) {
                    throw failure("Kafka exited while starting");
                }
                if (System.nanoTime() > deadline) {
                    throw failure("Kafka did not become ready within " + timeout.toSeconds() + " s");
                }
                Sleep.millis(200);
            }
        } catch (RuntimeException e) {
            // Also when interrupted: stop gracefully first, keep the interrupt for the caller.
            boolean interrupted = Thread.interrupted();
            stop();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    private void format(Path config) {
        List<String> command = new ArrayList<>(List.of(DetachedLauncher.java(), "-Xmx128m"));
        command.addAll(loggingOptions());
        command.addAll(List.of(
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        Process formatter = DetachedLauncher.start(
                command, Map.of("CLASSPATH", settings.classpath()), settings.dataDir(), settings.logFile());
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS)) {
                formatter.destroyForcibly();
                throw failure("Formatting the Kafka storage took more than 60 s");
            }
            if (formatter.exitValue() != 0) {
                throw failure("Formatting the Kafka storage failed (exit " + formatter.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            formatter.destroyForcibly();
            throw new ProcessStartException("Interrupted while formatting the Kafka storage", e);
        }
    }

    private Path writeConfig() {
        String text = String.join(
                "\n",
                "# Written on every start from the settings of KafkaBrokerProcess.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + settings.controllerPort(),
                "listeners=PLAINTEXT://localhost:" + settings.port() + ",CONTROLLER://localhost:"
                        + settings.controllerPort(),
                "advertised.listeners=PLAINTEXT://localhost:" + settings.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirs(),
                "num.partitions=6",
                // One node: every internal topic has one replica, and few partitions keep the first start quick.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
        try {
            Files.createDirectories(settings.dataDir());
            Path config = settings.dataDir().resolve("server.properties");
            Files.writeString(config, text);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The broker logs through whichever SLF4J provider the classpath holds; these make the common ones log to the file.
     */
    private List<String> loggingOptions() {
        List<String> options = new ArrayList<>(List.of(
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.logFile=System.out"));
        if (settings.classpath().contains("jboss-logmanager")) {
            // The classpath of a Quarkus test: JBoss LogManager must own java.util.logging from the start.
            options.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        }
        return options;
    }

    /** Kafka's "log dirs": where the partitions' segments live. */
    private Path logDirs() {
        return settings.dataDir().resolve("data");
    }

    private ProcessStartException failure(String what) {
        return new ProcessStartException(what + ". Last lines of " + settings.logFile() + ":" + System.lineSeparator()
                + LogTail.of(settings.logFile(), 40));
    }
}
