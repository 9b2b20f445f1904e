package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineAndPortsTest {

    @Test
    void parsesFlagsAndOptions() {
        CommandLine line = CommandLine.parse("token", "--account", "acme", "--ops");
        assertThat(line.command()).isEqualTo("token");
        assertThat(line.option("account")).contains("acme");
        assertThat(line.has("ops")).isTrue();

        assertThat(CommandLine.parse("up", "--only=postgres,kafka", "--detach").option("only"))
                .contains("postgres,kafka");
        assertThat(CommandLine.parse().command()).isEqualTo("help");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> CommandLine.parse("up", "--detahc").allowing(Set.of("detach", "only")))
                .hasMessageContaining("Unknown option --detahc");
        assertThatThrownBy(() -> CommandLine.parse("token", "--account"))
                .hasMessageContaining("--account needs a value");
        assertThatThrownBy(() -> SwitchboardCli.run(CommandLine.parse("launch"), System.out))
                .hasMessageContaining("Unknown command 'launch'");
    }

    @Test
    void portsComeFromTheEnvironmentWithDefaults() {
        LocalPorts defaults = LocalPorts.from(Map.of());
        assertThat(defaults).isEqualTo(new LocalPorts(15432, 9092, 9093, 8090, 8081, 8082, 8083, 8084, 8085));

        assertThat(LocalPorts.from(Map.of("SWITCHBOARD_KAFKA_PORT", "19092")).kafka())
                .isEqualTo(19092);
        assertThatThrownBy(() -> LocalPorts.from(Map.of("SWITCHBOARD_QUEUE_PORT", "80000")))
                .hasMessageContaining("SWITCHBOARD_QUEUE_PORT=80000 is not a port number");
    }

    @Test
    void simulatorHeapComesFromTheEnvironment() {
        var simulator = io.switchboard.testkit.process.ServiceProcess.Settings.of(
                "provider-simulator",
                java.nio.file.Path.of("provider-simulator/target/quarkus-app/quarkus-run.jar"),
                8090,
                java.nio.file.Path.of("target/simulator.log"));

        assertThat(LocalPlatform.simulatorJvmOptions(simulator, Map.of())).isEqualTo(simulator.jvmOptions());
        assertThat(LocalPlatform.simulatorJvmOptions(simulator, Map.of("SWITCHBOARD_SIMULATOR_HEAP", "2g")))
                .contains("-Xmx2g")
                .filteredOn(option -> option.startsWith("-Xmx"))
                .hasSize(1);
        assertThatThrownBy(() ->
                        LocalPlatform.simulatorJvmOptions(simulator, Map.of("SWITCHBOARD_SIMULATOR_HEAP", "lots")))
                .hasMessageContaining("SWITCHBOARD_SIMULATOR_HEAP=lots is not a heap size such as 512m or 2g");
    }
}
