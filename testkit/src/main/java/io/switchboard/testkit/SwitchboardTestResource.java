package io.switchboard.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testkit.auth.TokenIssuer;
import java.util.Map;

/**
 * Points a Quarkus test at the JVM's shared Kafka and PostgreSQL ({@link TestInfrastructure}) and at the test
 * token key. Stopping is left to the JVM's exit, so every test class of a module reuses the same broker and
 * database.
 */
public class SwitchboardTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", infrastructure.database().jdbcUrl(),
                "quarkus.datasource.username", infrastructure.database().username(),
                "quarkus.datasource.password", infrastructure.database().password(),
                "mp.jwt.verify.publickey.location",
                        infrastructure.publicKeyPem().toUri().toString(),
                "mp.jwt.verify.issuer", TokenIssuer.ISSUER);
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime: see TestInfrastructure
    }
}
