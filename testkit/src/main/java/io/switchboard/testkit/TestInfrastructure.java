package io.switchboard.testkit;

import io.kroxylicious.testing.kafka.api.KafkaCluster;
import io.kroxylicious.testing.kafka.common.KafkaClusterConfig;
import io.kroxylicious.testing.kafka.common.KafkaClusterFactory;
import io.switchboard.testkit.auth.KeyPairs;
import io.switchboard.testkit.auth.TokenIssuer;
import io.switchboard.testkit.containers.ContainerInfrastructure;
import io.switchboard.testkit.kafka.TopicCreator;
import io.switchboard.testkit.postgres.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, started on first use and stopped when the JVM
 * exits. External endpoints win when given, so the same tests run against a real cluster:
 * {@code KAFKA_BOOTSTRAP_SERVERS}, and {@code SWITCHBOARD_TEST_JDBC_URL} (+ {@code SWITCHBOARD_TEST_JDBC_USER},
 * {@code SWITCHBOARD_TEST_JDBC_PASSWORD}) naming any database of the server. Each test JVM gets a database of its
 * own on that server. With {@code -Dswitchboard.test.infrastructure=containers} both run as containers instead
 * ({@link ContainerInfrastructure}).
 */
public final class TestInfrastructure {

    private static final System.Logger LOG = System.getLogger(TestInfrastructure.class.getName());
    private static final String KAFKA_PROPERTY = "testkit.shared.kafka";
    private static final String JDBC_URL_PROPERTY = "testkit.shared.jdbc.url";
    private static final String JDBC_USER_PROPERTY = "testkit.shared.jdbc.user";
    private static final String JDBC_PASSWORD_PROPERTY = "testkit.shared.jdbc.password";
    private static final String KEYS_PROPERTY = "testkit.shared.keys";
    private static TestInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final TestDatabase database;
    private final KeyPair keyPair;
    private final Path publicKeyPem;
    private final TokenIssuer tokens;

    private TestInfrastructure(
            String kafkaBootstrapServers, TestDatabase database, KeyPair keyPair, Path publicKeyPem) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.database = database;
        this.keyPair = keyPair;
        this.publicKeyPem = publicKeyPem;
        this.tokens = new TokenIssuer(keyPair.getPrivate());
    }

    /**
     * The shared infrastructure of this JVM, started on the first call. Quarkus loads test resources and test
     * classes through different class loaders, so what was started is shared through system properties, which
     * every class loader of the JVM sees.
     */
    public static TestInfrastructure get() {
        synchronized (System.getProperties()) {
            if (instance == null) {
                instance = System.getProperty(KAFKA_PROPERTY) != null ? fromSystemProperties() : start();
            }
            return instance;
        }
    }

    private static TestInfrastructure fromSystemProperties() {
        Path keyDir = Path.of(System.getProperty(KEYS_PROPERTY));
        KeyPair keyPair = new KeyPair(
                KeyPairs.readPublic(KeyPairs.publicPem(keyDir)), KeyPairs.readPrivate(KeyPairs.privatePem(keyDir)));
        TestDatabase database = new TestDatabase(
                System.getProperty(JDBC_URL_PROPERTY),
                System.getProperty(JDBC_USER_PROPERTY),
                System.getProperty(JDBC_PASSWORD_PROPERTY));
        return new TestInfrastructure(
                System.getProperty(KAFKA_PROPERTY), database, keyPair, KeyPairs.publicPem(keyDir));
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public TestDatabase database() {
        return database;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** PEM file of the public key the services verify tokens with. */
    public Path publicKeyPem() {
        return publicKeyPem;
    }

    public TokenIssuer tokens() {
        return tokens;
    }

    private static TestInfrastructure start() {
        long started = System.nanoTime();
        boolean containers = ContainerInfrastructure.enabled();
        String bootstrap = env("KAFKA_BOOTSTRAP_SERVERS")
                .orElseGet(() -> containers ? ContainerInfrastructure.startKafka() : startKafka());
        TopicCreator.createAll(bootstrap);
        TestDatabase database = env("SWITCHBOARD_TEST_JDBC_URL")
                .map(url -> TestDatabase.createOn(
                        url,
                        env("SWITCHBOARD_TEST_JDBC_USER").orElse("postgres"),
                        env("SWITCHBOARD_TEST_JDBC_PASSWORD").orElse("")))
                .orElseGet(() -> containers ? ContainerInfrastructure.startPostgres() : startPostgres());
        KeyPair keyPair = KeyPairs.generate();
        Path keyDir = tempDir("switchboard-keys");
        KeyPairs.writePem(keyPair, keyDir);
        System.setProperty(KAFKA_PROPERTY, bootstrap);
        System.setProperty(JDBC_URL_PROPERTY, database.jdbcUrl());
        System.setProperty(JDBC_USER_PROPERTY, database.username());
        System.setProperty(JDBC_PASSWORD_PROPERTY, database.password());
        System.setProperty(KEYS_PROPERTY, keyDir.toString());
        LOG.log(
                System.Logger.Level.INFO,
                "Test infrastructure ready in {0} ms: Kafka {1}, PostgreSQL {2}",
                (System.nanoTime() - started) / 1_000_000,
                bootstrap,
                database.jdbcUrl());
        return new TestInfrastructure(bootstrap, database, keyPair, KeyPairs.publicPem(keyDir));
    }

    private static String startKafka() {
        KafkaCluster cluster = KafkaClusterFactory.create(
                KafkaClusterConfig.builder().kraftMode(true).brokersNum(1).build());
        cluster.start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                cluster.close();
                            } catch (Exception e) {
                                // the JVM is exiting; the broker's files are under target/
                            }
                        },
                        "stop-test-kafka"));
        return cluster.getBootstrapServers();
    }

    private static TestDatabase startPostgres() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    postgres.close();
                                } catch (IOException e) {
                                    // the JVM is exiting
                                }
                            },
                            "stop-test-postgres"));
            return TestDatabase.createOn(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
