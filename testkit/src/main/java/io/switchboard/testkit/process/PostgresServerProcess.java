package io.switchboard.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server from the binaries on the classpath, run by {@code pg_ctl} as a detached server: the
 * binaries are unpacked once, the cluster is initialised once (user and password {@value #USER}, trust on
 * loopback), and the server keeps running after this JVM exits until {@link #stop()}.
 */
public final class PostgresServerProcess {

    public static final int DEFAULT_PORT = 15432;
    public static final String USER = "switchboard";
    public static final String PASSWORD = "switchboard";

    /**
     * @param installDir where the binaries are unpacked (shared by any number of data folders)
     * @param dataDir the cluster's data folder
     */
    public record Settings(Path installDir, Path dataDir, int port, Path logFile) {

        /** Binaries in {@code baseDir/<version>}, data in {@code baseDir/data}, port 15432. */
        public static Settings of(Path baseDir) {
            Path dir = baseDir.toAbsolutePath();
            return new Settings(
                    dir.resolve(PostgresBinaries.version()),
                    dir.resolve("data"),
                    DEFAULT_PORT,
                    dir.resolve("postgres.log"));
        }

        public Settings withPort(int port) {
            return new Settings(installDir, dataDir, port, logFile);
        }

        public Settings withInstallDir(Path installDir) {
            return new Settings(installDir.toAbsolutePath(), dataDir, port, logFile);
        }

        public Settings withLogFile(Path logFile) {
            return new Settings(installDir, dataDir, port, logFile.toAbsolutePath());
        }
    }

    private final Settings settings;

    public PostgresServerProcess(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + settings.port() + "/" + database;
    }

    /**
     * Unpacks and initialises on first use, then starts the server and waits until it accepts connections.
     * Returns the running postmaster, also when it was running already.
     */
    public ProcessHandle start(Duration timeout) {
        Optional<ProcessHandle> running = postmaster();
        if (running.isPresent()) {
            return running.get();
        }
        if (!Ports.isFree(settings.port())) {
            throw new ProcessStartException(
                    "PostgreSQL cannot start: port " + settings.port() + " is in use by another program");
        }
        PostgresBinaries.ensureUnpacked(settings.installDir());
        if (!Files.exists(settings.dataDir().resolve("PG_VERSION"))) {
            initdb();
        }
        run(
                "start",
                List.of(
                        pgCtl(),
                        "start",
                        "-D",
                        settings.dataDir().toString(),
                        "-l",
                        settings.logFile().toString(),
                        "-w",
                        "-t",
                        Long.toString(Math.max(1, timeout.toSeconds())),
                        "-o",
                        "-p " + settings.port()),
                timeout.plusSeconds(10));
        return postmaster().orElseThrow(() -> failure("PostgreSQL reported a start but runs no postmaster"));
    }

    /** The running postmaster of this data folder, from its postmaster.pid. */
    public Optional<ProcessHandle> postmaster() {
        Path pidFile = settings.dataDir().resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(String... names) {
        try (Connection connection = connect("postgres");
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("Not a plain database name: " + name);
                }
                exists.setString(1, name);
                try (ResultSet result = exists.executeQuery()) {
                    if (!result.next()) {
                        statement.execute("CREATE DATABASE " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create databases on " + jdbcUrl("postgres"), e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    public boolean isReady() {
        return answers(settings.port());
    }

    /** Whether a PostgreSQL server on localhost:port lets {@value #USER} in and answers a query. */
    public static boolean answers(int port) {
        if (!Ports.answers(port)) {
            return false;
        }
        String url =
                "jdbc:postgresql://localhost:" + port + "/postgres?connectTimeout=2&loginTimeout=2&socketTimeout=2";
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    /** Fast shutdown: open sessions are ended, the data is written cleanly. */
    public void stop() {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        try {
            run(
                    "stop",
                    List.of(pgCtl(), "stop", "-D", settings.dataDir().toString(), "-m", "fast", "-w", "-t", "30"),
                    Duration.ofSeconds(40));
        } catch (ProcessStartException e) {
            GracefulStop.stop(postmaster.get(), Duration.ofSeconds(30));
        }
    }

    private void initdb() {
        Path target = settings.dataDir();
        Path temp = target.resolveSibling(target.getFileName() + ".initdb");
        try {
            PostgresBinaries.deleteTree(temp); // left by an interrupted attempt
            Files.createDirectories(target.getParent());
            Path pwfile = Files.createTempFile(target.getParent(), "pw", ".txt");
            try {
                Files.writeString(pwfile, PASSWORD + "\n");
                run(
                        "initdb",
                        List.of(
                                bin("initdb"),
                                "-D",
                                temp.toString(),
                                "-U",
                                USER,
                                "--pwfile=" + pwfile,
                                "-A",
                                "trust",
                                "-E",
                                "UTF8",
                                "--no-locale",
                                "--no-sync"),
                        Duration.ofMinutes(2));
            } finally {
                Files.deleteIfExists(pwfile);
            }
            Files.writeString(
                    temp.resolve("postgresql.conf"),
                    String.join(
                            "\n",
                            "",
                            "# Switchboard local server",
                            "listen_addresses = 'localhost'",
                            "unix_socket_directories = ''   # TCP only: no socket file in /tmp to collide with",
                            "max_connections = 200          # four services with connection pools, plus tests",
                            "synchronous_commit = off       # a crash loses the last moment of commits, never consistency",
                            ""),
                    java.nio.file.StandardOpenOption.APPEND);
            Files.move(temp, target); // only a complete cluster gets the real name
        } catch (IOException e) {
            throw new UncheckedIOException("Could not initialise PostgreSQL in " + target, e);
        }
    }

    private void run(String what, List<String> command, Duration timeout) {
        try {
            Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
            Process process = new ProcessBuilder(RootlessCommand.of(command))
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure("PostgreSQL " + what + " took more than " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw failure("PostgreSQL " + what + " failed (exit " + process.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new ProcessStartException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessStartException("Interrupted during PostgreSQL " + what, e);
        }
    }

    private String pgCtl() {
        return bin("pg_ctl");
    }

    private String bin(String name) {
        return settings.installDir().resolve("bin").resolve(name).toString();
    }

    private ProcessStartException failure(String what) {
        return new ProcessStartException(what + ". Last lines of " + settings.logFile() + ":" + System.lineSeparator()
                + LogTail.of(settings.logFile(), 30));
    }

    /** Environment a service needs to reach a database of this server. */
    public Map<String, String> datasourceEnv(String database) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                jdbcUrl(database),
                "QUARKUS_DATASOURCE_USERNAME",
                USER,
                "QUARKUS_DATASOURCE_PASSWORD",
                PASSWORD);
    }
}
