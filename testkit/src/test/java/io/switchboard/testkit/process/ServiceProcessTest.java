package io.switchboard.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    private static final Path WORK =
            Path.of("target", "process-test", "service-" + UUID.randomUUID()).toAbsolutePath();
    private static Path jar;

    @BeforeAll
    static void packageFakeService() throws IOException {
        jar = WORK.resolve("fake/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry(entry));
            try (var in = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(jarOut);
            }
            jarOut.closeEntry();
        }
    }

    @Test
    void startsUntilReadyIsFoundByAnotherRegistryAndStops() {
        ServiceProcess service =
                new ServiceProcess(ServiceProcess.Settings.of("fake", jar, Ports.free(), WORK.resolve("fake.log")));
        StateRegistry registry = new StateRegistry(WORK.resolve("state"));

        ProcessHandle process = service.start(Duration.ofSeconds(30));
        try {
            assertThat(service.settings().workDir()).isEqualTo(WORK.resolve("fake"));
            registry.record(ProcessState.of(
                    "fake",
                    process,
                    service.settings().port(),
                    service.settings().logFile()));

            // What another JVM sees: a fresh registry on the same folder.
            ProcessState found =
                    new StateRegistry(WORK.resolve("state")).findRunning("fake").orElseThrow();
            assertThat(found.pid()).isEqualTo(process.pid());
            assertThat(found.port()).isEqualTo(service.settings().port());
            assertThat(ServiceProcess.answers(found.port())).isTrue();

            ServiceProcess.stop(found);
        } finally {
            service.stop();
        }
        assertThat(process.isAlive()).isFalse();
        assertThat(registry.find("fake").orElseThrow().isRunning()).isFalse();
        assertThat(Ports.answers(service.settings().port())).isFalse();
        registry.remove("fake");
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void aServiceThatExitsFailsWithItsLogTail() {
        ServiceProcess service =
                new ServiceProcess(ServiceProcess.Settings.of("broken", jar, Ports.free(), WORK.resolve("broken.log"))
                        .withEnv(Map.of("FAKE_SERVICE_MODE", "fail")));

        assertThatThrownBy(() -> service.start(Duration.ofSeconds(30)))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("broken exited while starting")
                .hasMessageContaining("Configuration error: datasource missing");
    }

    @Test
    void refusesAMissingJarAndAPortInUse() throws IOException {
        assertThatThrownBy(() -> new ServiceProcess(ServiceProcess.Settings.of(
                                "absent", WORK.resolve("absent.jar"), Ports.free(), WORK.resolve("absent.log")))
                        .start())
                .hasMessageContaining("does not exist; build the module first");

        try (var taken = new java.net.ServerSocket(0)) {
            assertThatThrownBy(() -> new ServiceProcess(ServiceProcess.Settings.of(
                                    "clash", jar, taken.getLocalPort(), WORK.resolve("clash.log")))
                            .start())
                    .hasMessageContaining("port " + taken.getLocalPort() + " is in use");
        }
    }
}
