package io.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ChannelStatusObservationTest {

    @Test
    void everyStatusChangeIsRecordedOnceAndShownOnlyToItsAccount() {
        String channel = UUID.randomUUID().toString();
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            String starting =
                    TestEvents.json(TestEvents.statusChanged("acme", channel, null, ChannelStatus.STARTING, 1));
            events.publishRaw(
                    Topics.CHANNEL_STATUS, channel, "event-1-" + channel, Streams.CHANNEL_STATUS.type(), starting);
            // Kafka delivers at least once: the same event again is not a second observation.
            events.publishRaw(
                    Topics.CHANNEL_STATUS, channel, "event-1-" + channel, Streams.CHANNEL_STATUS.type(), starting);
            events.publish(
                    Topics.CHANNEL_STATUS,
                    channel,
                    Streams.CHANNEL_STATUS.type(),
                    TestEvents.statusChanged("acme", channel, ChannelStatus.STARTING, ChannelStatus.QR_REQUIRED, 2));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> observed("acme", channel).size() == 2);
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/observed-statuses", channel)
                .then()
                .statusCode(200)
                .body("items.status", equalTo(List.of("STARTING", "QR_REQUIRED")))
                .body("items[1].previousStatus", equalTo("STARTING"))
                .body("items[1].requiredAction", equalTo("SCAN_QR"));
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/observed-statuses?size=1&page=1", channel)
                .then()
                .statusCode(200)
                .body("items.status", equalTo(List.of("QR_REQUIRED")))
                .body("more", equalTo(false));
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/observed-statuses?size=1", channel)
                .then()
                .statusCode(200)
                .body("items.status", equalTo(List.of("STARTING")))
                .body("more", equalTo(true));
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/observed-statuses?size=501", channel)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        // Another account's channel does not exist for the caller.
        given().auth()
                .oauth2(token("globex"))
                .get("/v1/channels/{id}/observed-statuses", channel)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/channels/{id}/observed-statuses", channel)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    /** What the service observed of the channel; nothing while it has not heard of it (404). */
    private static List<Object> observed(String account, String channel) {
        var answer = given().auth()
                .oauth2(token(account))
                .get("/v1/channels/{id}/observed-statuses", channel)
                .then();
        if (answer.extract().statusCode() == 404) {
            return List.of();
        }
        return answer.statusCode(200).extract().path("items");
    }

    private static String token(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }
}
