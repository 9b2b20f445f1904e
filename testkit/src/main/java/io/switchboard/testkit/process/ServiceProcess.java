package io.switchboard.testkit.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged Quarkus application ({@code java -jar <module>/target/quarkus-app/quarkus-run.jar}) as a detached
 * process: ready when {@code /q/health/ready} answers 200, stopped with SIGTERM (Quarkus shuts down gracefully)
 * and killed if it does not.
 */
public final class ServiceProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * @param env added to this JVM's environment; {@code QUARKUS_HTTP_PORT} is always set to {@code port}
     * @param workDir the working directory (Quarkus reads {@code config/} and {@code .env} there)
     */
    public record Settings(
            String name,
            Path jar,
            int port,
            Map<String, String> env,
            List<String> jvmOptions,
            Path logFile,
            Path workDir) {

        /** 256 MB heap; runs in the module folder of {@code <module>/target/quarkus-app/quarkus-run.jar}. */
        public static Settings of(String name, Path jar, int port, Path logFile) {
            Path absolute = jar.toAbsolutePath();
            return new Settings(
                    name,
                    absolute,
                    port,
                    Map.of(),
                    List.of("-Xmx256m", "-XX:+UseSerialGC"),
                    logFile.toAbsolutePath(),
                    moduleOf(absolute));
        }

        private static Path moduleOf(Path jar) {
            Path quarkusApp = jar.getParent();
            boolean packaged = quarkusApp != null && quarkusApp.endsWith(Path.of("target", "quarkus-app"));
            return packaged ? quarkusApp.getParent().getParent() : jar.getParent();
        }

        public Settings withEnv(Map<String, String> more) {
            Map<String, String> merged = new HashMap<>(env);
            merged.putAll(more);
            return new Settings(name, jar, port, Map.copyOf(merged), jvmOptions, logFile, workDir);
        }

        public Settings withJvmOptions(List<String> jvmOptions) {
            return new Settings(name, jar, port, env, List.copyOf(jvmOptions), logFile, workDir);
        }

        public Settings withWorkDir(Path workDir) {
            return new Settings(name, jar, port, env, jvmOptions, logFile, workDir.toAbsolutePath());
        }
    }

    private final Settings settings;
    private ProcessHandle process;

    public ServiceProcess(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public String baseUrl() {
        return "http://localhost:" + settings.port();
    }

    /** Launches the application and returns at once; see {@link #awaitReady}. */
    public ProcessHandle start() {
        if (!Files.isRegularFile(settings.jar())) {
            throw new ProcessStartException(
                    settings.name() + ": " + settings.jar() + " does not exist; build the module first");
        }
        if (!Ports.isFree(settings.port())) {
            throw new ProcessStartException(
                    settings.name() + " cannot start: port " + settings.port() + " is in use by another program");
        }
        List<String> command = new ArrayList<>();
        command.add(DetachedLauncher.java());
        command.addAll(settings.jvmOptions());
        command.addAll(List.of("-jar", settings.jar().toString()));
        Map<String, String> env = new HashMap<>(settings.env());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(settings.port()));
        process = DetachedLauncher.start(command, env, settings.workDir(), settings.logFile())
                .toHandle();
        return process;
    }

    /** Starts and waits until ready. */
    public ProcessHandle start(Duration timeout) {
        start();
        awaitReady(timeout);
        return process;
    }

    /** Waits until ready; on failure (or interrupt) stops the process and says why, with the tail of its log. */
    public void awaitReady(Duration timeout) {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!answers(settings.port())) {
                if (!process.isAlive()) {
                    throw failure(settings.name() + " exited while starting");
                }
                if (System.nanoTime() > deadline) {
                    throw failure(settings.name() + " was not ready within " + timeout.toSeconds() + " s");
                }
                Sleep.millis(250);
            }
        } catch (RuntimeException e) {
            // Also when interrupted: stop gracefully first, keep the interrupt for the caller.
            boolean interrupted = Thread.interrupted();
            stop();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    public ProcessHandle process() {
        return process;
    }

    public boolean isReady() {
        return answers(settings.port());
    }

    /** Whether {@code http://localhost:<port>/q/health/ready} answers 200. */
    public static boolean answers(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void stop() {
        if (process != null) {
            GracefulStop.stop(process, STOP_GRACE);
        }
    }

    /** Stops a service started by another JVM. */
    public static void stop(ProcessState state) {
        GracefulStop.stop(state, STOP_GRACE);
    }

    private ProcessStartException failure(String what) {
        return new ProcessStartException(what + ". Last lines of " + settings.logFile() + ":" + System.lineSeparator()
                + LogTail.of(settings.logFile(), 40));
    }
}
