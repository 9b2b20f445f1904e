package io.switchboard.local;

import io.switchboard.testkit.process.ProcessStartException;
import io.switchboard.testkit.process.StateRegistry;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code ./switchboard} command: runs the whole platform on this machine without Docker. */
public final class SwitchboardCli {

    static final String USAGE = """
            Usage: ./switchboard <command> [options]

              up [--detach] [--only <parts>] [--containers]
                                              start PostgreSQL, Kafka, the provider simulator, the four services and
                                              the console; in the foreground Ctrl-C stops them, --detach leaves them
                                              running.
                                              --only starts some parts (comma-separated, e.g. --only postgres,kafka;
                                              a service brings postgres and kafka along).
                                              --containers runs each part as a container of the images that
                                              deploy/images/build.sh builds, on the same ports
              down [--keep-volumes]           stop everything that is running, services first; after a container
                                              run, remove its containers and data volumes (--keep-volumes keeps
                                              the volumes for the next up --containers)
              status                          each part: pid, port, ready / not ready / stopped
              token --account <id> [--ops]    print a signed access token (12 hours; --ops adds the ops group)
              console --account <id> [--ops]  print a link that opens the console signed in with such a token
              demo                            play the walking skeleton against the running platform
              build                           build every module (mvn install -DskipTests)
              help                            this text

            Parts: postgres, kafka, provider-simulator, channel-service, message-queue-service,
                   notification-service, billing-service, console
            Ports (environment): SWITCHBOARD_POSTGRES_PORT (15432), SWITCHBOARD_KAFKA_PORT (9092),
              SWITCHBOARD_KAFKA_CONTROLLER_PORT (9093), SWITCHBOARD_SIMULATOR_PORT (8090),
              SWITCHBOARD_CHANNEL_PORT (8081), SWITCHBOARD_QUEUE_PORT (8082),
              SWITCHBOARD_NOTIFICATION_PORT (8083), SWITCHBOARD_BILLING_PORT (8084),
              SWITCHBOARD_CONSOLE_PORT (8085)
            State, keys, data and logs: .switchboard/ in the repository
            """;

    /** The options each command takes. */
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "up", Set.of("detach", "only", "containers"),
            "down", Set.of("keep-volumes"),
            "status", Set.of(),
            "token", Set.of("account", "ops"),
            "console", Set.of("account", "ops"),
            "demo", Set.of());

    private SwitchboardCli() {}

    public static void main(String[] args) {
        // Before any logger exists: Kafka's clients would otherwise narrate every connection attempt.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        int exitCode;
        try {
            exitCode = run(CommandLine.parse(args), System.out);
        } catch (CliException | ProcessStartException e) {
            System.err.println("switchboard: " + e.getMessage());
            exitCode = 1;
        }
        System.out.flush();
        System.exit(exitCode);
    }

    static int run(CommandLine line, PrintStream out) {
        if (Set.of("help", "--help", "-h").contains(line.command())) {
            out.print(USAGE);
            return 0;
        }
        Set<String> known = OPTIONS.get(line.command());
        if (known == null) {
            throw new CliException("Unknown command '" + line.command() + "'." + System.lineSeparator() + USAGE);
        }
        line.allowing(known);
        LocalLayout layout = LocalLayout.locate();
        LocalKeys keys = new LocalKeys(layout.keys());
        LocalPorts ports = LocalPorts.fromEnv();
        StateRegistry registry = new StateRegistry(layout.state());
        RunMode mode = new RunMode(layout, registry);
        boolean containers = line.command().equals("up") ? mode.forUp(line.has("containers")) : mode.containers();
        ContainerEngine engine = ContainerEngine.fromEnv();
        LocalPlatform platform = containers
                ? LocalPlatform.containers(
                        layout, ports, keys, engine, ContainerImages.of(layout.root(), System.getenv()))
                : LocalPlatform.create(layout, ports, keys);
        return switch (line.command()) {
            case "up" -> {
                if (containers) {
                    engine.requireRunning();
                    mode.remember();
                }
                yield new UpCommand(layout, platform, registry, keys, out)
                        .run(line.has("detach"), parts(line.option("only")));
            }
            case "down" -> {
                int exit = new DownCommand(layout, platform, registry, out).run();
                if (containers) {
                    new ContainerVolumes(engine, layout, out).removeUnless(line.has("keep-volumes"));
                    mode.forget();
                }
                yield exit;
            }
            case "status" -> new StatusCommand(layout, platform, registry, out).run();
            case "token" ->
                new TokenCommand(keys, out)
                        .run(
                                line.option("account")
                                        .orElseThrow(() -> new CliException(
                                                "Which account? ./switchboard token --account <id> [--ops]")),
                                line.has("ops"));
            case "console" ->
                new TokenCommand(keys, out)
                        .consoleLink(
                                "http://localhost:" + ports.console(),
                                line.option("account")
                                        .orElseThrow(() -> new CliException(
                                                "Which account? ./switchboard console --account <id> [--ops]")),
                                line.has("ops"));
            case "demo" -> new DemoCommand(keys, registry, ports, out).run();
            default -> throw new IllegalStateException(line.command());
        };
    }

    private static Set<String> parts(Optional<String> list) {
        Set<String> parts = new LinkedHashSet<>();
        list.ifPresent(value -> Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .forEach(parts::add));
        return parts;
    }
}
