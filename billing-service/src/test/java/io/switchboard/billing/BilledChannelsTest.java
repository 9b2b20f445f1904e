package io.switchboard.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.time.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class BilledChannelsTest {

    @Test
    void billingFollowsEachChannelsLatestStatusPerAccount() {
        String active = UUID.randomUUID().toString();
        String disabled = UUID.randomUUID().toString();
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publish(
                    Topics.CHANNEL_STATUS,
                    active,
                    Streams.CHANNEL_STATUS.type(),
                    TestEvents.statusChanged("initech", active, null, ChannelStatus.ACTIVE, 3));
            // Older than what was already applied: ignored.
            events.publish(
                    Topics.CHANNEL_STATUS,
                    active,
                    Streams.CHANNEL_STATUS.type(),
                    TestEvents.statusChanged("initech", active, null, ChannelStatus.STARTING, 2));
            events.publish(
                    Topics.CHANNEL_STATUS,
                    disabled,
                    Streams.CHANNEL_STATUS.type(),
                    TestEvents.statusChanged("initech", disabled, ChannelStatus.ACTIVE, ChannelStatus.DISABLED, 5));
            // A marker after both, on the first channel's partition: once it is seen, the older one was processed.
            events.publish(
                    Topics.CHANNEL_STATUS,
                    active,
                    Streams.CHANNEL_STATUS.type(),
                    TestEvents.statusChanged("initech", active, ChannelStatus.ACTIVE, ChannelStatus.SYNC_ERROR, 4));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> given().auth()
                                .oauth2(token("initech"))
                                .get("/v1/billing/channels")
                                .then()
                                .extract()
                                .path("items.size()")
                                .equals(2)
                        && Integer.valueOf(4)
                                .equals(given().auth()
                                        .oauth2(token("initech"))
                                        .get("/v1/billing/channels")
                                        .then()
                                        .extract()
                                        .path("items.find { it.channelId == '" + active + "' }.version")));
        given().auth()
                .oauth2(token("initech"))
                .get("/v1/billing/channels")
                .then()
                .statusCode(200)
                .body("billableCount", equalTo(1))
                .body("items.find { it.channelId == '" + active + "' }.status", equalTo("SYNC_ERROR"))
                .body("items.find { it.channelId == '" + disabled + "' }.billable", equalTo(false));

        given().auth()
                .oauth2(token("globex"))
                .get("/v1/billing/channels")
                .then()
                .statusCode(200)
                .body("items.channelId", not(hasItem(active)));
        given().get("/v1/billing/channels").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theChannelsAreListedAPageAtATime() {
        String account = BillingApi.newAccountId();
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            channels.add(BillingApi.channel(
                    account, ChannelStatus.ACTIVE, MutableClock.shared().instant()));
        }
        List<String> first = given().auth()
                .oauth2(token(account))
                .queryParam("size", 2)
                .get("/v1/billing/channels")
                .then()
                .statusCode(200)
                .body("more", equalTo(true))
                .body("billableCount", equalTo(3))
                .extract()
                .path("items.channelId");
        List<String> second = given().auth()
                .oauth2(token(account))
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/v1/billing/channels")
                .then()
                .statusCode(200)
                .body("more", equalTo(false))
                .extract()
                .path("items.channelId");
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(1);
        assertThat(java.util.stream.Stream.concat(first.stream(), second.stream()))
                .containsExactlyInAnyOrderElementsOf(channels);
        for (int size : new int[] {0, 501}) {
            given().auth()
                    .oauth2(token(account))
                    .queryParam("size", size)
                    .get("/v1/billing/channels")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    private static String token(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }
}
