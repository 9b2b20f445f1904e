package io.switchboard.local;

import io.switchboard.testkit.process.Ports;
import io.switchboard.testkit.process.ProcessState;
import io.switchboard.testkit.process.StateRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code up}: starts what is not running yet (PostgreSQL and Kafka side by side, then the applications two at a
 * time: more would only fight over two cores), records each part, prints where to reach them. In the foreground it
 * stays until Ctrl-C and then stops what it started, in reverse order.
 */
final class UpCommand {

    private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration APPLICATION_TIMEOUT = Duration.ofSeconds(180);
    private static final int PARALLEL_STARTS = 2;

    private final LocalLayout layout;
    private final LocalPlatform platform;
    private final StateRegistry registry;
    private final LocalKeys keys;
    private final PrintStream out;
    private final List<PartStopper.Running> started = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_STARTS, runnable -> {
        Thread thread = new Thread(runnable, "switchboard-start");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    UpCommand(LocalLayout layout, LocalPlatform platform, StateRegistry registry, LocalKeys keys, PrintStream out) {
        this.layout = layout;
        this.platform = platform;
        this.registry = registry;
        this.keys = keys;
        this.out = out;
    }

    int run(boolean detach, Set<String> only) {
        List<Part> selected = platform.select(only);
        try (PlatformLock lock = PlatformLock.acquire(layout.home())) {
            if (keys.ensure()) {
                out.println("Generated the token signing key pair in " + layout.show(layout.keys()));
            }
            requireJars(selected);
            List<Part> toStart = notRunning(selected);
            requireFreePorts(toStart);
            if (toStart.isEmpty()) {
                out.println("Everything asked for is running already.");
                printSummary(selected);
                return 0;
            }
            Thread stopOnExit = new Thread(this::stopStarted, "switchboard-stop");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            try {
                startInOrder(toStart);
            } catch (RuntimeException e) {
                if (stopping) {
                    return 130; // Ctrl-C: the shutdown hook stops what was started
                }
                stopStarted();
                throw e;
            }
            if (detach) {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            }
        } finally {
            pool.shutdown();
        }
        printSummary(selected);
        if (detach) {
            out.println("Running in the background: ./switchboard status, ./switchboard down");
            return 0;
        }
        out.println("Press Ctrl-C to stop what this command started.");
        watchUntilStopped();
        return 0;
    }

    private void requireJars(List<Part> parts) {
        List<String> missing =
                parts.stream().flatMap(part -> part.missing(layout).stream()).toList();
        if (!missing.isEmpty()) {
            StringBuilder message = new StringBuilder("Not built yet:");
            missing.forEach(
                    what -> message.append(System.lineSeparator()).append("  ").append(what));
            message.append(System.lineSeparator())
                    .append(
                            parts.stream().anyMatch(part -> part instanceof ContainerPart)
                                    ? "Build the images with deploy/images/build.sh (as root, see deploy/README.md)."
                                    : "Build them with ./switchboard build, or start only what exists with --only "
                                            + "(see ./switchboard help).");
            throw new CliException(message.toString());
        }
    }

    private List<Part> notRunning(List<Part> parts) {
        List<Part> toStart = new ArrayList<>();
        for (Part part : parts) {
            Optional<ProcessState> recorded = registry.find(part.name());
            if (recorded.isPresent() && recorded.get().isRunning()) {
                out.printf(
                        "  %-22s already running (pid %d, port %d)%n",
                        part.name(), recorded.get().pid(), recorded.get().port());
                continue;
            }
            recorded.ifPresent(stale -> registry.remove(stale.name()));
            Optional<ProcessHandle> unrecorded = part.unrecorded();
            if (unrecorded.isPresent()) {
                // A server left running without a record (its state folder was cleared): adopt it.
                registry.record(ProcessState.of(part.name(), unrecorded.get(), part.port(), part.logFile()));
                out.printf(
                        "  %-22s already running (pid %d, port %d)%n",
                        part.name(), unrecorded.get().pid(), part.port());
                continue;
            }
            toStart.add(part);
        }
        return toStart;
    }

    private void requireFreePorts(List<Part> parts) {
        Set<Integer> seen = new HashSet<>();
        for (Part part : parts) {
            for (int port : part.ports()) {
                if (!seen.add(port)) {
                    throw new CliException(
                            "Port " + port + " is configured for two parts (" + part.name() + " and another).");
                }
                if (!Ports.isFree(port)) {
                    throw new CliException("Port " + port + " (" + part.name() + ") is in use by another program. "
                            + "Stop that program, or choose other ports with the SWITCHBOARD_*_PORT variables "
                            + "(see ./switchboard help).");
                }
            }
        }
    }

    private void startInOrder(List<Part> parts) {
        List<Part> infrastructure =
                parts.stream().filter(UpCommand::isInfrastructure).toList();
        List<Part> applications =
                parts.stream().filter(part -> !isInfrastructure(part)).toList();
        startTogether(infrastructure, INFRASTRUCTURE_TIMEOUT);
        startTogether(applications, APPLICATION_TIMEOUT);
    }

    static boolean isInfrastructure(Part part) {
        return part.name().equals(PostgresPart.NAME) || part.name().equals(KafkaPart.NAME);
    }

    /** Starts the parts on the pool; on the first failure starts no more, lets running starts finish, rethrows. */
    private void startTogether(List<Part> parts, Duration timeout) {
        List<Future<?>> futures = new ArrayList<>();
        for (Part part : parts) {
            futures.add(pool.submit(() -> start(part, timeout)));
        }
        RuntimeException failure = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new IllegalStateException(e.getCause());
                    futures.forEach(other -> other.cancel(false));
                }
            } catch (CancellationException e) {
                // not started after an earlier failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("Interrupted while starting");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void start(Part part, Duration timeout) {
        if (stopping) {
            return;
        }
        out.printf("  %-22s starting%n", part.name());
        long begin = System.nanoTime();
        LogFiles.startNew(part.logFile());
        ProcessHandle process = part.start(timeout);
        ProcessState state = ProcessState.of(part.name(), process, part.port(), part.logFile());
        registry.record(state);
        synchronized (started) {
            started.add(new PartStopper.Running(part, state));
        }
        out.printf(
                "  %-22s ready in %.1f s (pid %d, port %d)%n",
                part.name(), (System.nanoTime() - begin) / 1e9, process.pid(), part.port());
    }

    /**
     * Stops what this command started, newest first: after a failed start, and from the shutdown hook. Synchronized,
     * so that a Ctrl-C during a rollback waits for it instead of letting the JVM exit halfway.
     */
    private synchronized void stopStarted() {
        stopping = true;
        pool.shutdownNow(); // interrupts starts in progress: each stops its own process
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<PartStopper.Running> running;
        synchronized (started) {
            running = new ArrayList<>(started);
            started.clear();
        }
        new PartStopper(registry, out).stop(running);
    }

    private void printSummary(List<Part> parts) {
        out.println();
        Table table = new Table("SERVICE", "URL", "OPENAPI", "HEALTH");
        for (Part part : parts) {
            if (!isInfrastructure(part) && !part.name().equals(LocalPlatform.CONSOLE)) { // the console: below
                int port = registry.find(part.name()).map(ProcessState::port).orElse(part.port());
                String url = part.address(port);
                table.row(part.name(), url, url + "/q/openapi", url + "/q/health");
            }
        }
        if (parts.stream().anyMatch(part -> !isInfrastructure(part))) {
            table.print(out);
            out.println();
        }
        for (Part part : parts) {
            if (isInfrastructure(part)) {
                int port = registry.find(part.name()).map(ProcessState::port).orElse(part.port());
                out.printf(
                        "  %-12s %s%n",
                        part.name().equals(KafkaPart.NAME) ? "Kafka" : "PostgreSQL", part.address(port));
            }
        }
        out.printf(
                "  %-12s %s%n",
                "Logs",
                parts.stream().anyMatch(part -> part instanceof ContainerPart)
                        ? "docker logs <container> (docker ps --filter label=" + ContainerEngine.LABEL + ")"
                        : layout.logs());
        parts.stream()
                .filter(part -> part.name().equals(LocalPlatform.CONSOLE))
                .findFirst()
                .ifPresent(console -> out.printf(
                        "  %-12s %s/console/ (a sign-in link: ./switchboard console --account <id> [--ops])%n",
                        "Console",
                        console.address(registry.find(console.name())
                                .map(ProcessState::port)
                                .orElse(console.port()))));
        out.printf("  %-12s %s%n", "Token", "./switchboard token --account <id> [--ops]");
        out.printf("  %-12s %s%n", "Demo", "./switchboard demo");
        out.println();
    }

    private void watchUntilStopped() {
        Set<String> reported = new HashSet<>();
        while (true) {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<PartStopper.Running> current;
            synchronized (started) {
                current = List.copyOf(started);
            }
            for (PartStopper.Running part : current) {
                if (!stopping
                        && !part.state().isRunning()
                        && reported.add(part.part().name())) {
                    out.printf(
                            "! %s exited; its log: %s%n",
                            part.part().name(), part.part().logHint(layout));
                }
            }
        }
    }
}
