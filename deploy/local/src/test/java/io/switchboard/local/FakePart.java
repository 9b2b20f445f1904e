package io.switchboard.local;

import io.switchboard.testkit.process.DetachedLauncher;
import io.switchboard.testkit.process.GracefulStop;
import io.switchboard.testkit.process.Ports;
import io.switchboard.testkit.process.ProcessStartException;
import io.switchboard.testkit.process.ProcessState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A part that runs {@code sleep}: real detached processes, without Kafka, PostgreSQL or Quarkus. */
final class FakePart implements Part {

    private final String name;
    private final int port = Ports.free();
    private final Path dir;
    private final boolean fails;
    private final List<String> events;
    private ProcessHandle process;

    FakePart(String name, Path dir, boolean fails, List<String> events) {
        this.name = name;
        this.dir = dir;
        this.fails = fails;
        this.events = events;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path logFile() {
        return dir.resolve(name + ".log");
    }

    @Override
    public ProcessHandle start(Duration timeout) {
        events.add("start " + name);
        if (fails) {
            throw new ProcessStartException(name + " exited while starting");
        }
        process = DetachedLauncher.start(List.of("sleep", "300"), Map.of(), dir, logFile())
                .toHandle();
        return process;
    }

    @Override
    public boolean answers(int port) {
        return process != null && process.isAlive();
    }

    @Override
    public void stop(ProcessState recorded) {
        events.add("stop " + name);
        GracefulStop.stop(recorded, Duration.ofSeconds(5));
    }

    @Override
    public String address(int port) {
        return "fake:" + port;
    }

    ProcessHandle process() {
        return process;
    }
}
