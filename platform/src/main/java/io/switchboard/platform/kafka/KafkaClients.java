package io.switchboard.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the platform's Kafka clients: the service's {@code kafka.*} settings ({@code bootstrap.servers},
 * TLS, SASL, ...; {@code KAFKA_*} in the environment), then the platform's defaults for what they leave out.
 */
public final class KafkaClients {

    /** Settings of Quarkus' Kafka extension that are not Kafka client settings. */
    private static final Set<String> NOT_CLIENT_SETTINGS = Set.of(
            "health-enabled",
            "health-readiness-enabled",
            "health-readiness-topic-verification",
            "health-topic-verification-enabled",
            "snappy.enabled");

    private KafkaClients() {}

    /** The given settings over {@code defaults}; {@code required} over both. */
    public static Map<String, Object> config(
            Map<String, Object> kafka, Map<String, Object> defaults, Map<String, Object> required) {
        Map<String, Object> config = new HashMap<>(defaults);
        kafka.forEach((name, value) -> {
            if (!NOT_CLIENT_SETTINGS.contains(name) && !name.startsWith("devservices") && !name.startsWith("health")) {
                config.put(name, value);
            }
        });
        config.putAll(required);
        return config;
    }
}
