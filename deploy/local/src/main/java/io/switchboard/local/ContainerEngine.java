package io.switchboard.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The container engine, through its own command ({@code docker}): what {@code up --containers} runs, finds and
 * removes. Values of environment variables are handed over in the command's environment ({@code -e NAME}), never on
 * its command line, where any user of the machine could read the secrets among them.
 */
final class ContainerEngine {

    /** The label every container and volume of the local run carries, with the run's home as its value. */
    static final String LABEL = "io.switchboard.local.home";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final String command;
    private final Duration timeout;

    ContainerEngine(String command) {
        this(command, COMMAND_TIMEOUT);
    }

    /** @param timeout how long one engine command may take, a run's pull or build aside */
    ContainerEngine(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    static ContainerEngine fromEnv() {
        return new ContainerEngine(Optional.ofNullable(System.getenv("SWITCHBOARD_DOCKER"))
                .filter(value -> !value.isBlank())
                .orElse("docker"));
    }

    /** What to run: one container on the host's network. */
    record Spec(
            String name,
            String image,
            String label,
            Map<String, String> env,
            Map<String, String> volumes,
            Map<String, String> files,
            List<String> args) {}

    /** Throws a {@link CliException} saying what to do unless the engine answers. */
    void requireRunning() {
        Result result;
        try {
            result = run(List.of("version", "--format", "{{.Server.Version}}"), Map.of());
        } catch (CliException e) {
            throw new CliException("The container engine's command '" + command + "' was not found. Install one "
                    + "(Debian: apt-get install docker.io) or run the platform as processes: ./switchboard up");
        }
        if (result.exitCode() != 0) {
            throw new CliException(
                    "The container engine does not answer (" + result.output().strip() + "). "
                            + "Start it (e.g. dockerd as root, or systemctl start docker), or run the platform as "
                            + "processes: ./switchboard up");
        }
    }

    boolean hasImage(String image) {
        return run(List.of("image", "inspect", "--format", "{{.Id}}", image), Map.of())
                        .exitCode()
                == 0;
    }

    /** Starts the container in the background; an old stopped container of the same name is removed first. */
    void start(Spec spec) {
        remove(spec.name());
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--detach",
                "--name",
                spec.name(),
                "--network",
                "host",
                "--label",
                LABEL + "=" + spec.label(),
                "--stop-timeout",
                "20"));
        spec.env().keySet().forEach(name -> args.addAll(List.of("--env", name)));
        spec.volumes().forEach((volume, path) -> {
            createVolume(volume, spec.label());
            args.addAll(List.of("--volume", volume + ":" + path));
        });
        spec.files().forEach((file, path) -> args.addAll(List.of("--volume", file + ":" + path + ":ro")));
        args.add(spec.image());
        args.addAll(spec.args());
        Result result = run(args, spec.env());
        if (result.exitCode() != 0) {
            throw new CliException("Could not start the container " + spec.name() + ": "
                    + result.output().strip());
        }
    }

    /** The pid, in this machine's process table, of the container's first process while it runs. */
    Optional<Long> pid(String name) {
        Result result = run(List.of("container", "inspect", "--format", "{{.State.Pid}}", name), Map.of());
        if (result.exitCode() != 0) {
            return Optional.empty();
        }
        long pid = Long.parseLong(result.output().strip());
        return pid > 0 ? Optional.of(pid) : Optional.empty();
    }

    /** The last lines the container wrote, to explain a failed start. */
    String logs(String name, int lines) {
        return run(List.of("logs", "--tail", String.valueOf(lines), name), Map.of())
                .output();
    }

    /** Stops the container (SIGTERM, then SIGKILL after the grace period) and removes it. */
    void stopAndRemove(String name, Duration grace) {
        run(List.of("stop", "--time", String.valueOf(grace.toSeconds()), name), Map.of(), grace.plusSeconds(30));
        remove(name);
    }

    void remove(String name) {
        run(List.of("rm", "--force", "--volumes", name), Map.of());
    }

    /** The volumes this run's containers keep their data in. */
    List<String> volumes(String label) {
        Result result = run(List.of("volume", "ls", "--quiet", "--filter", "label=" + LABEL + "=" + label), Map.of());
        return result.output().lines().filter(line -> !line.isBlank()).toList();
    }

    void removeVolume(String volume) {
        Result result = run(List.of("volume", "rm", volume), Map.of());
        if (result.exitCode() != 0) {
            throw new CliException("Could not remove the volume " + volume + ": "
                    + result.output().strip());
        }
    }

    private void createVolume(String volume, String label) {
        run(List.of("volume", "create", "--label", LABEL + "=" + label, volume), Map.of());
    }

    record Result(int exitCode, String output) {}

    private Result run(List<String> args, Map<String, String> env) {
        return run(args, env, timeout);
    }

    private Result run(List<String> args, Map<String, String> env, Duration timeout) {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path output = null;
        try {
            // Into a file, not a pipe read before waiting: a command that hangs with its output open still times out.
            output = Files.createTempFile("switchboard-engine", ".out");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CliException(
                        "'" + command + " " + args.get(0) + "' did not finish in " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("Could not run '" + command + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted while running '" + command + " " + args.get(0) + "'");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file left behind harms nothing
                }
            }
        }
    }
}
