package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testkit.process.ProcessStartException;
import io.switchboard.testkit.process.StateRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalRunCommandsTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private Path root;
    private LocalLayout layout;
    private StateRegistry registry;
    private LocalKeys keys;
    private LocalPlatform platform;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(Path.of("target"));
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "local-run");
        layout = new LocalLayout(root, root.resolve(".switchboard"));
        registry = new StateRegistry(layout.state());
        keys = new LocalKeys(layout.keys());
    }

    @AfterEach
    void stopLeftovers() {
        if (platform != null) {
            new DownCommand(layout, platform, registry, out).run();
        }
    }

    @Test
    void upStartsInOrderOnceAndDownStopsInReverse() {
        platform = platform(false);

        assertThat(up()).isZero();
        assertThat(events)
                .containsExactlyInAnyOrder(
                        "start postgres", "start kafka", "start channel-service", "start billing-service");
        assertThat(events.indexOf("start kafka")).isLessThan(events.indexOf("start channel-service"));
        assertThat(events.indexOf("start postgres")).isLessThan(events.indexOf("start billing-service"));
        assertThat(registry.all()).hasSize(4).allMatch(state -> state.isRunning());
        assertThat(Files.exists(keys.privatePem())).isTrue();

        events.clear();
        assertThat(up()).isZero();
        assertThat(events).isEmpty();
        assertThat(text()).contains("already running");

        assertThat(new StatusCommand(layout, platform, registry, out).run()).isZero();

        List<ProcessHandle> processes = platform.parts().stream()
                .map(part -> ((FakePart) part).process())
                .toList();
        new DownCommand(layout, platform, registry, out).run();
        // Applications together first, then Kafka, then PostgreSQL.
        assertThat(events.subList(0, 2)).containsExactlyInAnyOrder("stop billing-service", "stop channel-service");
        assertThat(events.subList(2, 4)).containsExactly("stop kafka", "stop postgres");
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(registry.all()).isEmpty();
        assertThat(new StatusCommand(layout, platform, registry, out).run()).isEqualTo(3);
    }

    @Test
    void aFailedStartStopsWhatThisRunStartedAndSaysWhy() {
        platform = platform(true);

        assertThatThrownBy(this::up)
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("billing-service exited while starting");

        assertThat(events).contains("stop postgres", "stop kafka");
        assertThat(registry.all()).isEmpty();
        assertThat(platform.parts())
                .map(part -> ((FakePart) part).process())
                .allMatch(process -> process == null || !process.isAlive());
    }

    @Test
    void refusesToStartWhenAJarIsMissing() {
        LocalPlatform real = LocalPlatform.create(layout, LocalPorts.from(java.util.Map.of()), keys);

        assertThatThrownBy(() -> new UpCommand(layout, real, registry, keys, out).run(true, Set.of("channel-service")))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("Not built yet:")
                .hasMessageContaining("channel-service/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("./switchboard build");
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void selectingAServiceBringsTheInfrastructureAlong() {
        LocalPlatform real = LocalPlatform.create(layout, LocalPorts.from(java.util.Map.of()), keys);

        assertThat(real.select(Set.of("billing-service")))
                .map(Part::name)
                .containsExactly("postgres", "kafka", "billing-service");
        assertThat(real.select(Set.of()))
                .hasSize(8)
                .last()
                .extracting(Part::name)
                .isEqualTo("console");
        assertThatThrownBy(() -> real.select(Set.of("kafak"))).hasMessageContaining("No part named 'kafak'");
    }

    private int up() {
        return new UpCommand(layout, platform, registry, keys, out).run(true, Set.of());
    }

    private LocalPlatform platform(boolean billingFails) {
        Path dir = root.resolve("parts");
        return new LocalPlatform(List.of(
                new FakePart("postgres", dir, false, events),
                new FakePart("kafka", dir, false, events),
                new FakePart("channel-service", dir, false, events),
                new FakePart("billing-service", dir, billingFails, events)));
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
