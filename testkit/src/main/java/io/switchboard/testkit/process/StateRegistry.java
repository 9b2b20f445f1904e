package io.switchboard.testkit.process;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Pids and ports of running parts, one properties file per part in a folder, so that {@code down} and
 * {@code status} work from another JVM than the one that started them.
 */
public final class StateRegistry {

    private static final String SUFFIX = ".properties";

    private final Path dir;

    public StateRegistry(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public void record(ProcessState state) {
        Properties props = new Properties();
        props.setProperty("name", state.name());
        props.setProperty("pid", Long.toString(state.pid()));
        props.setProperty("port", Integer.toString(state.port()));
        if (state.startedAt() != null) {
            props.setProperty("startedAt", state.startedAt().toString());
        }
        if (state.logFile() != null) {
            props.setProperty("logFile", state.logFile().toAbsolutePath().toString());
        }
        try {
            Files.createDirectories(dir);
            // Write then rename: a reader never sees half a file.
            Path temp = Files.createTempFile(dir, state.name(), ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp)) {
                props.store(writer, "pid and port of " + state.name());
            }
            Files.move(temp, file(state.name()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record the state of " + state.name() + " in " + dir, e);
        }
    }

    public Optional<ProcessState> find(String name) {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String startedAt = props.getProperty("startedAt");
        String logFile = props.getProperty("logFile");
        return Optional.of(new ProcessState(
                props.getProperty("name", name),
                Long.parseLong(props.getProperty("pid")),
                Integer.parseInt(props.getProperty("port", "0")),
                startedAt == null ? null : Instant.parse(startedAt),
                logFile == null ? null : Path.of(logFile)));
    }

    /** The recorded part, only if its process still runs. */
    public Optional<ProcessState> findRunning(String name) {
        return find(name).filter(ProcessState::isRunning);
    }

    public void remove(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded part, oldest first. */
    public List<ProcessState> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName)
                    .map(Path::toString)
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .map(this::find)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing(
                            ProcessState::startedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Not a part name: " + name);
        }
        return dir.resolve(name + SUFFIX);
    }
}
