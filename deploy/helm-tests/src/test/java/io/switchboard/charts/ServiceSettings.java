package io.switchboard.charts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings a service reads, as its own files name them: its {@code application.properties} and the platform's
 * {@code microprofile-config.properties}, plus every Kafka client setting (the services pass {@code kafka.*} to
 * their clients). Environment variable names are compared in SmallRye Config's form.
 */
final class ServiceSettings {

    /**
     * Quarkus settings the charts set that the services leave at Quarkus's defaults, so no file of theirs names them.
     * The charted-platform system test starts the services with the rendered environment and fails on any
     * "Unrecognized configuration key", which keeps this list true.
     */
    static final Set<String> QUARKUS_DEFAULTS_SET_BY_CHARTS = Set.of(
            "quarkus.config.locations",
            "quarkus.shutdown.delay",
            "quarkus.mailer.start-tls",
            "quarkus.mailer.tls",
            "quarkus.mailer.username",
            "quarkus.mailer.password");

    /** Read by the JVM itself, not by the application. */
    static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS");

    private final Set<String> environmentNames = new HashSet<>();

    private ServiceSettings() {}

    static ServiceSettings of(String service) {
        ServiceSettings settings = new ServiceSettings();
        settings.read(Charts.ROOT.resolve(service).resolve("src/main/resources/application.properties"));
        if (!Charts.SIMULATOR.equals(service) && !Charts.CONSOLE.equals(service)) { // neither uses the platform
            settings.read(Charts.ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        }
        QUARKUS_DEFAULTS_SET_BY_CHARTS.forEach(settings::add);
        settings.add("config_ordinal"); // SmallRye Config's own key: the ordinal of the file it is in
        Set<String> kafka = new HashSet<>(ConsumerConfig.configNames());
        kafka.addAll(ProducerConfig.configNames());
        kafka.addAll(AdminClientConfig.configNames());
        kafka.forEach(name -> settings.add("kafka." + name));
        return settings;
    }

    /** {@code quarkus.datasource.jdbc.url} → {@code QUARKUS_DATASOURCE_JDBC_URL}, as SmallRye Config maps them. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    boolean reads(String environmentVariable) {
        return JVM.contains(environmentVariable) || environmentNames.contains(environmentVariable);
    }

    /** Whether a property (as written in values' {@code config}) is one the service names. */
    boolean readsProperty(String property) {
        return environmentNames.contains(environmentName(property));
    }

    private void read(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().forEach(this::add);
    }

    private void add(String property) {
        String unprofiled = property.startsWith("%") ? property.substring(property.indexOf('.') + 1) : property;
        environmentNames.add(environmentName(unprofiled));
    }
}
