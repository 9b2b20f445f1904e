package io.switchboard.local;

import io.switchboard.testkit.process.ProcessState;
import io.switchboard.testkit.process.StateRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the local platform runs as processes or as containers ({@code up --containers}). A container run is
 * remembered by a file in the run's home until {@code down} has removed its containers and volumes, so that
 * {@code status}, {@code demo} and {@code down} act on what {@code up} started.
 */
final class RunMode {

    private final Path marker;
    private final StateRegistry registry;

    RunMode(LocalLayout layout, StateRegistry registry) {
        this.marker = layout.home().resolve("containers");
        this.registry = registry;
    }

    boolean containers() {
        return Files.isRegularFile(marker);
    }

    /** The mode {@code up} runs in: the one asked for, unless the platform runs (or left volumes) in the other. */
    boolean forUp(boolean containersAsked) {
        boolean current = containers();
        if (containersAsked == current) {
            return current;
        }
        boolean running = registry.all().stream().anyMatch(ProcessState::isRunning);
        if (running || current) {
            throw new CliException("The platform "
                    + (running ? "runs" : "left its data volumes")
                    + (current ? " as containers" : " as processes")
                    + ": stop it with ./switchboard down first (see ./switchboard help).");
        }
        return containersAsked;
    }

    void remember() {
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "up --containers: ./switchboard down removes the containers and volumes\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
