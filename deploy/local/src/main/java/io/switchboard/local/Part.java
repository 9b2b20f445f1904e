package io.switchboard.local;

import io.switchboard.testkit.process.ProcessState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One process of the local platform, started by one JVM and found, probed and stopped by any other. */
interface Part {

    String name();

    /** The port it serves on, recorded in the state folder. */
    int port();

    /** Every port it listens on, each checked to be free before a start. */
    default List<Integer> ports() {
        return List.of(port());
    }

    /** What it needs that is not built yet (its jar, its image), as the command shows it. */
    default List<String> missing(LocalLayout layout) {
        return List.of();
    }

    Path logFile();

    /** Where to read what it logged, as {@code status} shows it. */
    default String logHint(LocalLayout layout) {
        return layout.show(logFile());
    }

    /** Starts it and waits until it is ready; the process returned is what gets recorded. */
    ProcessHandle start(Duration timeout);

    /** Whether it serves requests on {@code port}. */
    boolean answers(int port);

    /** Stops it, whichever JVM started it. */
    void stop(ProcessState recorded);

    /** A process of this part running without a record (a server found by its own pid file). */
    default Optional<ProcessHandle> unrecorded() {
        return Optional.empty();
    }

    /** Where to reach it, for the table printed after {@code up}. */
    String address(int port);
}
