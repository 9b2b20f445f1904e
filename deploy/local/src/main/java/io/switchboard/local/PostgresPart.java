package io.switchboard.local;

import io.switchboard.testkit.process.PostgresServerProcess;
import io.switchboard.testkit.process.ProcessState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The PostgreSQL server with one database per service. */
final class PostgresPart implements Part {

    static final String NAME = "postgres";

    private final PostgresServerProcess server;
    private final List<String> databases;

    PostgresPart(PostgresServerProcess server, List<String> databases) {
        this.server = server;
        this.databases = List.copyOf(databases);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int port() {
        return server.settings().port();
    }

    @Override
    public Path logFile() {
        return server.settings().logFile();
    }

    @Override
    public ProcessHandle start(Duration timeout) {
        ProcessHandle postmaster = server.start(timeout);
        try {
            createDatabases();
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return postmaster;
    }

    /** Creates each service's database that does not exist yet. */
    void createDatabases() {
        server.createDatabases(databases.toArray(String[]::new));
    }

    @Override
    public boolean answers(int port) {
        return PostgresServerProcess.answers(port);
    }

    @Override
    public void stop(ProcessState recorded) {
        server.stop();
    }

    @Override
    public Optional<ProcessHandle> unrecorded() {
        return server.postmaster();
    }

    @Override
    public String address(int port) {
        return "jdbc:postgresql://localhost:" + port + "/{" + String.join(",", databases) + "}  (user "
                + PostgresServerProcess.USER + ", password " + PostgresServerProcess.PASSWORD + ")";
    }
}
