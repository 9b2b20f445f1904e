package io.switchboard.testkit.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What is recorded about one running part, so that another JVM can find and stop it.
 *
 * @param startedAt when the operating system started the process; with the pid it tells a reused pid apart
 * @param logFile where its output goes, may be null
 */
public record ProcessState(String name, long pid, int port, Instant startedAt, Path logFile) {

    /** The state of a process that is running now. */
    public static ProcessState of(String name, ProcessHandle process, int port, Path logFile) {
        return new ProcessState(
                name, process.pid(), port, process.info().startInstant().orElse(null), logFile);
    }

    /** The live process this state names, if it still runs (and is not another process with a reused pid). */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameStart);
    }

    public boolean isRunning() {
        return process().isPresent();
    }

    private boolean sameStart(ProcessHandle handle) {
        Optional<Instant> actual = handle.info().startInstant();
        if (startedAt == null || actual.isEmpty()) {
            return true;
        }
        // The kernel reports start times in clock ticks: allow for rounding.
        return Math.abs(actual.get().toEpochMilli() - startedAt.toEpochMilli()) < 1_000;
    }
}
