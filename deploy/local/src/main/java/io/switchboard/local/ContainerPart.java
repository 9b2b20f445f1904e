package io.switchboard.local;

import io.switchboard.testkit.process.ProcessStartException;
import io.switchboard.testkit.process.ProcessState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * One part of the local platform run as a container on the host's network ({@code up --containers}): it listens on
 * the same ports as its process would, so the demo, the tests and every address printed stay the same. What gets
 * recorded is the container's first process as this machine sees it, so {@code status} and the system tests that
 * kill a part as a crash would work as with processes.
 */
final class ContainerPart implements Part {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** What a part does once it answers (create the databases, the topics). */
    interface AfterStart {
        void run(int port);
    }

    private final String name;
    private final List<Integer> ports;
    private final ContainerEngine.Spec spec;
    private final ContainerEngine engine;
    private final IntPredicate answers;
    private final AfterStart afterStart;
    private final Part process;

    /**
     * @param process the same part run as a process: its log file, its address, which part it is
     */
    ContainerPart(
            Part process,
            ContainerEngine.Spec spec,
            ContainerEngine engine,
            IntPredicate answers,
            AfterStart afterStart) {
        this.name = process.name();
        this.ports = process.ports();
        this.spec = spec;
        this.engine = engine;
        this.answers = answers;
        this.afterStart = afterStart;
        this.process = process;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return ports.get(0);
    }

    @Override
    public List<Integer> ports() {
        return ports;
    }

    @Override
    public List<String> missing(LocalLayout layout) {
        return engine.hasImage(spec.image()) ? List.of() : List.of("the image " + spec.image());
    }

    @Override
    public Path logFile() {
        return process.logFile();
    }

    @Override
    public String logHint(LocalLayout layout) {
        return "docker logs " + spec.name();
    }

    @Override
    public ProcessHandle start(Duration timeout) {
        engine.start(spec);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!answers.test(port())) {
                if (engine.pid(spec.name()).isEmpty()) {
                    throw failure(name + "'s container exited before it was ready");
                }
                if (System.nanoTime() > deadline) {
                    throw failure(name + " was not ready within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
            afterStart.run(port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.remove(spec.name());
            throw new ProcessStartException("Interrupted while starting " + name, e);
        } catch (RuntimeException e) {
            if (!(e instanceof ProcessStartException)) {
                engine.remove(spec.name());
            }
            throw e;
        }
        return engine.pid(spec.name())
                .flatMap(ProcessHandle::of)
                .orElseThrow(() -> failure(name + "'s container exited right after it was ready"));
    }

    private ProcessStartException failure(String what) {
        String logs = engine.logs(spec.name(), 40);
        engine.remove(spec.name());
        return new ProcessStartException(
                what + ". Its last lines (docker logs " + spec.name() + "):" + System.lineSeparator() + logs);
    }

    @Override
    public boolean answers(int port) {
        return answers.test(port);
    }

    @Override
    public void stop(ProcessState recorded) {
        engine.stopAndRemove(spec.name(), STOP_GRACE);
    }

    @Override
    public Optional<ProcessHandle> unrecorded() {
        return engine.pid(spec.name()).flatMap(ProcessHandle::of);
    }

    @Override
    public String address(int port) {
        return process.address(port);
    }
}
