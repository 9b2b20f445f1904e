package io.switchboard.local;

import io.switchboard.testkit.process.ProcessState;
import io.switchboard.testkit.process.StateRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stops running parts in reverse start order: the applications first and together (they talk only through Kafka,
 * and each takes seconds to shut down), then Kafka, then PostgreSQL.
 */
final class PartStopper {

    /** A part and the process recorded for it. */
    record Running(Part part, ProcessState state) {}

    private final StateRegistry registry;
    private final PrintStream out;

    PartStopper(StateRegistry registry, PrintStream out) {
        this.registry = registry;
        this.out = out;
    }

    /** @param running in start order */
    void stop(List<Running> running) {
        List<Running> applications = running.stream()
                .filter(r -> !UpCommand.isInfrastructure(r.part()))
                .toList();
        List<Running> infrastructure = new ArrayList<>(running.stream()
                .filter(r -> UpCommand.isInfrastructure(r.part()))
                .toList());
        CompletableFuture.allOf(applications.stream()
                        .map(r -> CompletableFuture.runAsync(() -> stop(r), PartStopper::onNewThread))
                        .toArray(CompletableFuture[]::new))
                .join();
        Collections.reverse(infrastructure);
        infrastructure.forEach(this::stop);
    }

    /** A thread per part: the common pool may have a single thread on a small machine. */
    private static void onNewThread(Runnable task) {
        Thread thread = new Thread(task, "switchboard-stop-part");
        thread.setDaemon(true);
        thread.start();
    }

    private void stop(Running running) {
        long begin = System.nanoTime();
        running.part().stop(running.state());
        registry.remove(running.part().name());
        out.printf(
                "  %-22s stopped in %.1f s (pid %d)%n",
                running.part().name(),
                (System.nanoTime() - begin) / 1e9,
                running.state().pid());
    }
}
