package io.switchboard.local;

import java.util.Map;

/** The ports of the local run: defaults, each overridable by an environment variable. */
record LocalPorts(
        int postgres,
        int kafka,
        int kafkaController,
        int simulator,
        int channel,
        int queue,
        int notification,
        int billing,
        int console) {

    static LocalPorts fromEnv() {
        return from(System.getenv());
    }

    static LocalPorts from(Map<String, String> env) {
        return new LocalPorts(
                port(env, "SWITCHBOARD_POSTGRES_PORT", 15432),
                port(env, "SWITCHBOARD_KAFKA_PORT", 9092),
                port(env, "SWITCHBOARD_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "SWITCHBOARD_SIMULATOR_PORT", 8090),
                port(env, "SWITCHBOARD_CHANNEL_PORT", 8081),
                port(env, "SWITCHBOARD_QUEUE_PORT", 8082),
                port(env, "SWITCHBOARD_NOTIFICATION_PORT", 8083),
                port(env, "SWITCHBOARD_BILLING_PORT", 8084),
                port(env, "SWITCHBOARD_CONSOLE_PORT", 8085));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new CliException(name + "=" + value + " is not a port number (1-65535)");
        }
    }
}
