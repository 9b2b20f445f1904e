package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testkit.process.DetachedLauncher;
import io.switchboard.testkit.process.ProcessState;
import io.switchboard.testkit.process.StateRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code up --containers} without an engine: the images it names, the engine's command line, the run mode. */
class ContainerRunTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "containers");
    }

    @Test
    void theServicesImagesAreTheOnesTheChartsPullAndEachNameCanBeOverridden() throws IOException {
        ContainerImages images = ContainerImages.of(REPOSITORY, Map.of());
        for (String service : List.of("channel-service", "billing-service")) {
            Path chart = REPOSITORY.resolve("deploy/helm").resolve(service);
            String values = Files.readString(chart.resolve("values.yaml"));
            String appVersion = yamlValue(Files.readString(chart.resolve("Chart.yaml")), "appVersion");
            assertThat(images.service(service))
                    .isEqualTo(
                            yamlValue(values, "registry") + "/" + yamlValue(values, "repository") + ":" + appVersion);
        }

        ContainerImages mirrored = ContainerImages.of(
                REPOSITORY,
                Map.of(
                        "SWITCHBOARD_IMAGE_REGISTRY", "registry.internal:5000",
                        "SWITCHBOARD_IMAGE_TAG", "1.2.3",
                        "SWITCHBOARD_KAFKA_IMAGE", "apache/kafka:4.1.1"));
        assertThat(mirrored.service("channel-service"))
                .isEqualTo("registry.internal:5000/switchboard/channel-service:1.2.3");
        assertThat(mirrored.kafka()).isEqualTo("apache/kafka:4.1.1");
    }

    @Test
    void secretsReachTheContainerThroughTheEnvironmentNeverOnTheCommandLine() throws Exception {
        Path calls = dir.resolve("calls");
        Path engine = dir.resolve("docker");
        // A stand-in for the engine's command: writes what it was given, its arguments and the variable asked for.
        Files.writeString(engine, """
                #!/bin/sh
                echo "args: $*" >> %s
                echo "env: ${QUARKUS_DATASOURCE_PASSWORD:-}" >> %s
                """.formatted(calls, calls));
        Files.setPosixFilePermissions(engine, PosixFilePermissions.fromString("rwx------"));

        new ContainerEngine(engine.toString())
                .start(new ContainerEngine.Spec(
                        "switchboard-billing-service",
                        "ghcr.io/switchboard/billing-service:1",
                        "/home",
                        Map.of("QUARKUS_DATASOURCE_PASSWORD", "s3cret-value"),
                        Map.of("switchboard-billing-data", "/data"),
                        Map.of("/keys/public.pem", "/etc/switchboard/jwt/public.pem"),
                        List.of("--flag")));

        String recorded = Files.readString(calls);
        String run = recorded.lines()
                .filter(line -> line.startsWith("args: run "))
                .findFirst()
                .orElseThrow();
        assertThat(run)
                .contains("--name switchboard-billing-service", "--network host", "--env QUARKUS_DATASOURCE_PASSWORD")
                .contains("--volume switchboard-billing-data:/data")
                .contains("--volume /keys/public.pem:/etc/switchboard/jwt/public.pem:ro")
                .endsWith("ghcr.io/switchboard/billing-service:1 --flag")
                .doesNotContain("s3cret-value");
        assertThat(recorded).contains("env: s3cret-value");
        // an earlier container of the same name is removed first, and the volume carries the run's label
        assertThat(recorded).contains("args: rm --force --volumes switchboard-billing-service");
        assertThat(recorded)
                .contains("args: volume create --label " + ContainerEngine.LABEL + "=/home switchboard-billing-data");
    }

    @Test
    void anEngineCommandThatHangsWithItsOutputOpenIsStoppedAfterItsTimeout() throws Exception {
        Path engine = dir.resolve("docker");
        Files.writeString(engine, """
                #!/bin/sh
                echo "working on it"
                exec sleep 600
                """);
        Files.setPosixFilePermissions(engine, PosixFilePermissions.fromString("rwx------"));
        long start = System.nanoTime();

        assertThatThrownBy(() -> new ContainerEngine(engine.toString(), Duration.ofSeconds(1)).volumes("/home"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("did not finish in 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void upRefusesToSwitchBetweenProcessesAndContainersWhileOneRunsOrLeftVolumes() throws IOException {
        LocalLayout layout = new LocalLayout(REPOSITORY, dir.resolve("home"));
        StateRegistry registry = new StateRegistry(layout.state());
        RunMode mode = new RunMode(layout, registry);

        assertThat(mode.forUp(true)).isTrue();
        mode.remember();
        assertThat(mode.containers()).isTrue();
        assertThatThrownBy(() -> mode.forUp(false))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("left its data volumes as containers")
                .hasMessageContaining("./switchboard down");
        mode.forget();

        ProcessHandle process = DetachedLauncher.start(List.of("sleep", "30"), Map.of(), dir, dir.resolve("sleep.log"))
                .toHandle();
        try {
            registry.record(ProcessState.of("postgres", process, 15432, dir.resolve("sleep.log")));
            assertThatThrownBy(() -> mode.forUp(true))
                    .isInstanceOf(CliException.class)
                    .hasMessageContaining("runs as processes");
            assertThat(mode.forUp(false)).isFalse();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String yamlValue(String yaml, String key) {
        return yaml.lines()
                .map(String::trim)
                .filter(line -> line.startsWith(key + ":"))
                .map(line -> line.substring(key.length() + 1).trim().replace("\"", ""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key));
    }
}
