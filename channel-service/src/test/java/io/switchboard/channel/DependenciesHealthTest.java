package io.switchboard.channel;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testkit.SwitchboardTestResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The database away does not take the service out of its Service (readiness stays UP, so the provider's webhooks keep
 * reaching it); the dependencies group says what is missing, and UP again once it is back.
 */
@QuarkusTest
@TestProfile(WatchdogTest.ShortThresholds.class)
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class DependenciesHealthTest {

    @Test
    void withTheDatabaseAwayTheServiceStaysReadyAndItsDependenciesSaySo() {
        given().get("/q/health/group/dependencies")
                .then()
                .statusCode(200)
                .body("checks[0].data.database", equalTo("UP"))
                .body("checks[0].data.kafka", startsWith("UP: 1 broker"));
        try (ServiceDatabase database = ServiceDatabase.open()) {
            database.allowConnections(false);
            try {
                database.terminateOtherSessions();
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> given().get("/q/health/group/dependencies")
                                .then()
                                .statusCode(503)
                                .body("checks[0].data.database", startsWith("DOWN: "))
                                .body("checks[0].data.kafka", startsWith("UP")));
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            } finally {
                database.allowConnections(true);
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().get("/q/health/group/dependencies")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP")));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
