package io.switchboard.testkit.containers;

import io.switchboard.testkit.postgres.TestDatabase;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and PostgreSQL as containers, through Testcontainers' Kafka and PostgreSQL modules
 * ({@code -Dswitchboard.test.infrastructure=containers}). The images are those {@code deploy/images/build.sh} makes
 * here, where no registry is reachable, so none is ever pulled; elsewhere {@code -Dswitchboard.test.kafka-image=
 * apache/kafka:4.1.1} and {@code -Dswitchboard.test.postgres-image=postgres:15} name the public ones. Ryuk, which would
 * have to be pulled, is off ({@code TESTCONTAINERS_RYUK_DISABLED=true}, which the build's {@code containers} profile
 * sets): the containers are stopped when the test JVM exits.
 */
public final class ContainerInfrastructure {

    public static final String MODE_PROPERTY = "switchboard.test.infrastructure";
    /** Where {@link InfrastructureModeListener} keeps the mode once it has taken it from the services' view. */
    static final String MOVED_MODE_PROPERTY = "testkit.infrastructure";

    public static final String KAFKA_IMAGE_PROPERTY = "switchboard.test.kafka-image";
    public static final String POSTGRES_IMAGE_PROPERTY = "switchboard.test.postgres-image";
    /** Every container a test JVM starts carries it, so that any left behind by a killed JVM can be found. */
    public static final String LABEL = "io.switchboard.test";

    private ContainerInfrastructure() {}

    /** Whether this JVM runs its infrastructure as containers: the system property, or the same in the environment. */
    public static boolean enabled() {
        return "containers"
                .equals(Optional.ofNullable(System.getProperty(MOVED_MODE_PROPERTY))
                        .or(() -> Optional.ofNullable(System.getProperty(MODE_PROPERTY)))
                        .or(() -> Optional.ofNullable(System.getenv("SWITCHBOARD_TEST_INFRASTRUCTURE")))
                        .orElse("processes")
                        .trim());
    }

    /** Starts a single-node Kafka (KRaft) and returns its bootstrap servers. */
    public static String startKafka() {
        DockerImageName image = DockerImageName.parse(
                        System.getProperty(KAFKA_IMAGE_PROPERTY, "switchboard/kafka:4.1.1"))
                .asCompatibleSubstituteFor("apache/kafka");
        KafkaContainer kafka = new KafkaContainer(image)
                .withEnv("KAFKA_NUM_PARTITIONS", "6")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "6");
        start(kafka, "kafka");
        return kafka.getBootstrapServers();
    }

    /** Starts PostgreSQL and returns a database of this JVM's own on it. */
    public static TestDatabase startPostgres() {
        DockerImageName image = DockerImageName.parse(
                        System.getProperty(POSTGRES_IMAGE_PROPERTY, "switchboard/postgres:15"))
                .asCompatibleSubstituteFor("postgres");
        PostgreSQLContainer postgres = new PostgreSQLContainer(image)
                // four services' connection pools and the tests' own connections share one server
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
        start(postgres, "postgres");
        return TestDatabase.createOn(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    private static void start(GenericContainer<?> container, String name) {
        container
                .withImagePullPolicy(image -> false) // built here: never pulled
                .withLabels(Map.of(LABEL, name));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-" + name));
    }
}
