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

    /** Files it needs that do not exist (its jar, until the module is built). */
    default List<Path> missing() {
        return List.of();
    }

    Path logFile();

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
