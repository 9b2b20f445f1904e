package io.switchboard.local;

import io.switchboard.testkit.process.GracefulStop;
import io.switchboard.testkit.process.ProcessState;
import io.switchboard.testkit.process.StateRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code down}: stops every recorded part, the applications first, PostgreSQL last. */
final class DownCommand {

    private final LocalLayout layout;
    private final LocalPlatform platform;
    private final StateRegistry registry;
    private final PrintStream out;

    DownCommand(LocalLayout layout, LocalPlatform platform, StateRegistry registry, PrintStream out) {
        this.layout = layout;
        this.platform = platform;
        this.registry = registry;
        this.out = out;
    }

    int run() {
        int stopped;
        try (PlatformLock lock = PlatformLock.acquire(layout.home())) {
            stopped = stopUnknownRecords();
            List<PartStopper.Running> running = new ArrayList<>();
            for (Part part : platform.parts()) {
                running(part).ifPresent(running::add);
            }
            new PartStopper(registry, out).stop(running);
            stopped += running.size();
        }
        out.println(stopped == 0 ? "Nothing was running." : "Stopped.");
        return 0;
    }

    /** The process of a part, recorded or found by the part itself; stale records are dropped. */
    private Optional<PartStopper.Running> running(Part part) {
        Optional<ProcessState> recorded = registry.find(part.name());
        if (recorded.isPresent() && recorded.get().isRunning()) {
            return Optional.of(new PartStopper.Running(part, recorded.get()));
        }
        recorded.ifPresent(stale -> registry.remove(stale.name()));
        return part.unrecorded()
                .map(process -> new PartStopper.Running(
                        part, ProcessState.of(part.name(), process, part.port(), part.logFile())));
    }

    /** Parts recorded by another version of this command that this one does not know: stopped first, by pid. */
    private int stopUnknownRecords() {
        Set<String> known = platform.parts().stream().map(Part::name).collect(Collectors.toSet());
        int stopped = 0;
        for (ProcessState state : registry.all()) {
            if (known.contains(state.name())) {
                continue;
            }
            if (state.isRunning()) {
                out.printf("  %-22s stopping (pid %d)%n", state.name(), state.pid());
                GracefulStop.stop(state, Duration.ofSeconds(20));
                stopped++;
            }
            registry.remove(state.name());
        }
        return stopped;
    }
}
