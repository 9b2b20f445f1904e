package io.switchboard.local;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command and its options: {@code --flag} or {@code --name value}. */
record CommandLine(String command, Set<String> flags, Map<String, String> options) {

    private static final Set<String> TAKES_VALUE = Set.of("account", "only");

    static CommandLine parse(String... args) {
        String command = args.length == 0 ? "help" : args[0];
        Set<String> flags = new HashSet<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new CliException("Unexpected argument '" + arg + "'. See ./switchboard help");
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals > 0) {
                options.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (TAKES_VALUE.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new CliException("--" + name + " needs a value");
                }
                options.put(name, args[++i]);
            } else {
                flags.add(name);
            }
        }
        return new CommandLine(command, Set.copyOf(flags), Map.copyOf(options));
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name)).filter(value -> !value.isBlank());
    }

    /** Refuses options the command does not know, so that a typo does not pass silently. */
    CommandLine allowing(Set<String> known) {
        for (String name : flags) {
            if (!known.contains(name)) {
                throw new CliException("Unknown option --" + name + " for '" + command + "'. See ./switchboard help");
            }
        }
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new CliException("Unknown option --" + name + " for '" + command + "'. See ./switchboard help");
            }
        }
        return this;
    }
}
