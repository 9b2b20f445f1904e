package io.switchboard.local;

import io.switchboard.testkit.process.Ports;
import io.switchboard.testkit.process.ProcessState;
import io.switchboard.testkit.process.StateRegistry;
import java.io.PrintStream;
import java.util.Optional;

/** {@code status}: each part, its pid and port, and whether it answers. Exit 0 only when every part is ready. */
final class StatusCommand {

    private final LocalLayout layout;
    private final LocalPlatform platform;
    private final StateRegistry registry;
    private final PrintStream out;

    StatusCommand(LocalLayout layout, LocalPlatform platform, StateRegistry registry, PrintStream out) {
        this.layout = layout;
        this.platform = platform;
        this.registry = registry;
        this.out = out;
    }

    int run() {
        Table table = new Table("PART", "PID", "PORT", "STATE", "LOG");
        boolean allReady = true;
        for (Part part : platform.parts()) {
            Optional<ProcessState> recorded = registry.find(part.name()).filter(ProcessState::isRunning);
            Optional<Long> pid =
                    recorded.map(ProcessState::pid).or(() -> part.unrecorded().map(ProcessHandle::pid));
            int port = recorded.map(ProcessState::port).orElse(part.port());
            String state;
            if (pid.isPresent()) {
                state = part.answers(port) ? "ready" : "not ready";
            } else {
                state = Ports.answers(port) ? "stopped (port in use by another program)" : "stopped";
            }
            allReady &= state.equals("ready");
            table.row(part.name(), pid.map(String::valueOf).orElse("-"), port, state, part.logHint(layout));
        }
        table.print(out);
        return allReady ? 0 : 3;
    }
}
