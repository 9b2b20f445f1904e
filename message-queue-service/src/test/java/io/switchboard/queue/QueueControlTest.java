package io.switchboard.queue;

import static io.restassured.RestAssured.given;
import static io.switchboard.queue.QueueApi.PROBLEM;
import static io.switchboard.queue.QueueApi.WAIT;
import static io.switchboard.queue.QueueApi.awaitState;
import static io.switchboard.queue.QueueApi.channel;
import static io.switchboard.queue.QueueApi.message;
import static io.switchboard.queue.QueueApi.publish;
import static io.switchboard.queue.QueueApi.queue;
import static io.switchboard.queue.QueueApi.send;
import static io.switchboard.queue.QueueApi.state;
import static io.switchboard.queue.QueueApi.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.queue.sweep.Sweeper;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import io.switchboard.testkit.time.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What happens to held messages: release (AUTO in bounded chunks, HOLD for a person), clearing, cancelling one,
 * time-to-live, a deleted channel; and the queue as its API shows it.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class QueueControlTest {

    @Inject
    Sweeper sweeper;

    @Test
    void inHoldModeAReconnectedChannelsBacklogWaitsForAPersonToReleaseIt() {
        String account = holdAccount();
        String channel = channel(account, ChannelStatus.STARTING);
        List<String> backlog = IntStream.range(0, 3)
                .mapToObj(i -> send(account, channel, "+14155550111", "b" + i)
                        .statusCode(202)
                        .extract()
                        .<String>path("id"))
                .toList();

        publish(account, channel, ChannelStatus.ACTIVE);
        queue(account, channel)
                .statusCode(200)
                .body("release.mode", equalTo("HOLD"))
                .body("release.held", equalTo(true))
                .body("frozen", equalTo(3));
        String later = send(account, channel, "+14155550111", "later")
                .statusCode(202)
                .body("state", equalTo("FROZEN"))
                .body("reason", org.hamcrest.Matchers.containsString("HOLD"))
                .extract()
                .path("id");
        // Nothing goes while it is held.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> ProviderStub.sentKeys(QueueApi.sendPath(channel)).isEmpty());

        given().auth()
                .oauth2(token(account))
                .post("/v1/channels/{id}/queue/release", channel)
                .then()
                .statusCode(200)
                .body("released", equalTo(true));
        awaitState(account, later, "SENT");
        List<String> expected = new ArrayList<>(backlog);
        expected.add(later);
        assertThat(ProviderStub.sentKeys(QueueApi.sendPath(channel))).containsExactlyElementsOf(expected);
        queue(account, channel).body("release.held", equalTo(false)).body("held", equalTo(0));
        given().auth()
                .oauth2(token(account))
                .post("/v1/channels/{id}/queue/release", channel)
                .then()
                .statusCode(200)
                .body("released", equalTo(false));
    }

    @Test
    void aHeldBacklogCanBeClearedInsteadAndNewMessagesThenGoAtOnce() {
        String account = holdAccount();
        String channel = channel(account, ChannelStatus.PHONE_UNAVAILABLE);
        List<String> backlog = IntStream.range(0, 4)
                .mapToObj(i -> send(account, channel, "+14155550112", "stale " + i)
                        .statusCode(202)
                        .extract()
                        .<String>path("id"))
                .toList();
        publish(account, channel, ChannelStatus.ACTIVE);
        queue(account, channel).body("release.held", equalTo(true));
        given().auth()
                .oauth2(token("globex-" + UUID.randomUUID()))
                .delete("/v1/channels/{id}/queue", channel)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);

        given().auth()
                .oauth2(token(account))
                .delete("/v1/channels/{id}/queue", channel)
                .then()
                .statusCode(200)
                .body("cancelled", equalTo(4));
        backlog.forEach(id -> message(account, id)
                .body("state", equalTo("CANCELLED"))
                .body("reason", equalTo("queue cleared by a user")));
        String fresh = send(account, channel, "+14155550112", "fresh")
                .statusCode(202)
                .body("state", equalTo("QUEUED"))
                .extract()
                .path("id");
        awaitState(account, fresh, "SENT");
        assertThat(ProviderStub.sentKeys(QueueApi.sendPath(channel))).containsExactly(fresh);
    }

    @Test
    void oneMessageIsCancelledWhileItWaitsAndNotOnceItIsSent() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING);
        String first = send(account, channel, "+14155550113", "first")
                .statusCode(202)
                .extract()
                .path("id");
        String second = send(account, channel, "+14155550113", "second")
                .statusCode(202)
                .extract()
                .path("id");
        given().auth()
                .oauth2(token("globex-" + UUID.randomUUID()))
                .delete("/v1/messages/{id}", first)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(token(account))
                .delete("/v1/messages/{id}", first)
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"));
        given().auth()
                .oauth2(token(account))
                .delete("/v1/messages/{id}", first)
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("state", equalTo("CANCELLED"));

        publish(account, channel, ChannelStatus.ACTIVE);
        awaitState(account, second, "SENT");
        assertThat(ProviderStub.sentKeys(QueueApi.sendPath(channel))).containsExactly(second);
        given().auth()
                .oauth2(token(account))
                .delete("/v1/messages/{id}", second)
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", org.hamcrest.Matchers.endsWith("message-not-cancellable"));
        message(account, first).body("history.state", equalTo(List.of("FROZEN", "CANCELLED")));
    }

    @Test
    void aMessageHeldPastItsTimeToLiveExpiresNamingTheStatusThatHeldItEvenAfterARejectStatusArrived() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING);
        String held = send(account, channel, "+14155550114", "held")
                .statusCode(202)
                .extract()
                .path("id");
        String shortLived = send(account, channel, Map.of("chatId", "+14155550114", "text", "short", "ttlSeconds", 60))
                .statusCode(202)
                .extract()
                .path("id");

        // A REJECT status: new messages are refused, the held ones stay.
        publish(account, channel, ChannelStatus.QR_REQUIRED);
        send(account, channel, "+14155550114", "refused").statusCode(409);
        MutableClock.shared().advance(Duration.ofMinutes(2));
        sweeper.sweep();
        message(account, shortLived)
                .body("state", equalTo("EXPIRED"))
                .body("heldBy", equalTo("QR_REQUIRED"))
                .body("reason", equalTo("time-to-live 1m passed while channel QR_REQUIRED"));
        message(account, held).body("state", equalTo("FROZEN"));

        MutableClock.shared().advance(Duration.ofHours(24));
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.MESSAGE_STATUS)) {
            sweeper.sweep();
            message(account, held)
                    .body("state", equalTo("EXPIRED"))
                    .body("reason", equalTo("time-to-live 24h passed while channel QR_REQUIRED"))
                    .body("history.state", equalTo(List.of("FROZEN", "EXPIRED")));
            await().atMost(WAIT).until(() -> QueueApi.states(topics, held).contains("EXPIRED"));
        }
        // Back to ACTIVE: nothing expired is sent.
        publish(account, channel, ChannelStatus.ACTIVE);
        String after = send(account, channel, "+14155550114", "after")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, after, "SENT");
        assertThat(ProviderStub.sentKeys(QueueApi.sendPath(channel))).containsExactly(after);
    }

    @Test
    void aDeletedChannelsHeldMessagesEndCancelled() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.NOT_PAID);
        List<String> held = IntStream.range(0, 3)
                .mapToObj(i -> send(account, channel, "+14155550115", "m" + i)
                        .statusCode(202)
                        .extract()
                        .<String>path("id"))
                .toList();
        publish(account, channel, ChannelStatus.DELETED);
        held.forEach(id -> awaitState(account, id, "CANCELLED"));
        message(account, held.get(0)).body("reason", equalTo("channel deleted"));
        send(account, channel, "+14155550115", "no more").statusCode(409).body("channelStatus", equalTo("DELETED"));
        publish(
                account,
                channel,
                ChannelStatus.ACTIVE); // a deleted channel never comes back, but if it did: nothing left
        assertThat(ProviderStub.sentKeys(QueueApi.sendPath(channel))).isEmpty();
    }

    @Test
    void aLargeBacklogIsReleasedInChunksStopsAtOnceWhenTheChannelDropsAndGoesOnceInOrderWhenItIsBack() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.PHONE_UNAVAILABLE);
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<Map<String, ?>> messages = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                messages.add(Map.of(
                        "chatId", "+1415555" + String.format("%04d", i % 7 + 200), "text", "m" + (batch * 400 + i)));
            }
            ids.addAll(QueueApi.batch(account, channel, messages)
                    .statusCode(200)
                    .body("accepted", equalTo(400))
                    .extract()
                    .<List<String>>path("results.message.id"));
        }
        queue(account, channel)
                .body("frozen", equalTo(1200))
                .body("counts.FROZEN", equalTo(1200))
                .body("items.size()", equalTo(50))
                .body("items[0].id", equalTo(ids.get(0)))
                .body("items[0].heldBy", equalTo("PHONE_UNAVAILABLE"))
                .body("oldestHeldAgeSeconds", greaterThanOrEqualTo(0));

        // The provider answers slowly enough to watch the release.
        ProviderStub.server()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                                        QueueApi.sendPath(channel)))
                        .atPriority(5)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withFixedDelay(5)
                                .withBody(
                                        "{\"sent\":true,\"message\":{\"id\":\"wamid-{{request.headers.Idempotency-Key}}\"}}")
                                .withTransformers("response-template")));
        publish(account, channel, ChannelStatus.ACTIVE);
        await().atMost(WAIT)
                .until(() -> ProviderStub.sentKeys(QueueApi.sendPath(channel)).size() >= 100);
        // Bounded chunks: while the first ones are out, most of the backlog is still frozen, not one big update.
        int stillFrozen = queue(account, channel).extract().path("frozen");
        assertThat(stillFrozen).isGreaterThan(600);

        publish(account, channel, ChannelStatus.STARTING);
        int atStop = ProviderStub.sentKeys(QueueApi.sendPath(channel)).size();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> ProviderStub.sentKeys(QueueApi.sendPath(channel)).size() <= atStop + 50);
        int stopped = ProviderStub.sentKeys(QueueApi.sendPath(channel)).size();
        assertThat(stopped).isLessThan(1200);

        publish(account, channel, ChannelStatus.ACTIVE);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(state(account, ids.get(ids.size() - 1))));
        List<String> sent = ProviderStub.sentKeys(QueueApi.sendPath(channel));
        assertThat(sent).as("each message once, in acceptance order").containsExactlyElementsOf(ids);
        queue(account, channel).body("held", equalTo(0));
    }

    @Test
    void heldMessagesAndTheOldestAgeAreExportedPerChannel() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.PHONE_UNAVAILABLE);
        IntStream.range(0, 3)
                .forEach(i -> send(account, channel, "+14155550116", "m" + i).statusCode(202));
        await().atMost(WAIT)
                .until(() -> Double.valueOf(3.0)
                        .equals(QueueApi.metric("switchboard_queue_held_messages{account=\"" + account + "\",channel=\""
                                + channel + "\"}")));
        assertThat(QueueApi.metric("switchboard_queue_oldest_held_age_seconds{account=\"" + account + "\",channel=\""
                        + channel + "\"}"))
                .isGreaterThanOrEqualTo(0.0);
        assertThat(QueueApi.metric("switchboard_queue_held_messages_total_now")).isGreaterThanOrEqualTo(3.0);
        publish(account, channel, ChannelStatus.ACTIVE);
        await().atMost(WAIT)
                .until(() -> QueueApi.metric("switchboard_queue_held_messages{account=\"" + account + "\",channel=\""
                                + channel + "\"}")
                        == null);
    }

    private static String holdAccount() {
        String account = "acme-" + UUID.randomUUID();
        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(Map.of("releaseMode", "HOLD"))
                .put("/v1/accounts/{id}/queue-settings", account)
                .then()
                .statusCode(200);
        return account;
    }
}
