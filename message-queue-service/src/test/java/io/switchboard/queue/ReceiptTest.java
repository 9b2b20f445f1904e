package io.switchboard.queue;

import static io.switchboard.queue.QueueApi.WAIT;
import static io.switchboard.queue.QueueApi.awaitState;
import static io.switchboard.queue.QueueApi.channel;
import static io.switchboard.queue.QueueApi.message;
import static io.switchboard.queue.QueueApi.publish;
import static io.switchboard.queue.QueueApi.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.contracts.provider.ReceiptStatus;
import io.switchboard.platform.events.DeadLetters;
import io.switchboard.queue.sql.Jdbc;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Receipts from {@code provider.events.v1} move sent messages forward, never back, once each. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class ReceiptTest {

    @Inject
    Jdbc jdbc;

    @Test
    void receiptsOutOfOrderAndTwiceMoveAMessageForwardOnce() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.MESSAGE_STATUS)) {
            String id = send(account, channel, "+14155550141", "receipted")
                    .statusCode(202)
                    .extract()
                    .path("id");
            awaitState(account, id, "SENT");
            String providerId = ProviderStub.providerId(id);
            receipts(
                    account,
                    channel,
                    receipt(providerId, ReceiptStatus.SENT),
                    receipt(providerId, ReceiptStatus.DELIVERED));
            awaitState(account, id, "DELIVERED");
            receipts(account, channel, receipt(providerId, ReceiptStatus.READ));
            receipts(
                    account,
                    channel,
                    receipt(providerId, ReceiptStatus.READ),
                    receipt(providerId, ReceiptStatus.DELIVERED));
            awaitState(account, id, "READ");
            // A marker after the late receipts: once it is applied, so are they.
            String marker = send(account, channel, "+14155550141", "marker")
                    .statusCode(202)
                    .extract()
                    .path("id");
            awaitState(account, marker, "SENT");
            receipts(account, channel, receipt(ProviderStub.providerId(marker), ReceiptStatus.DELIVERED));
            awaitState(account, marker, "DELIVERED");
            message(account, id).body("state", equalTo("READ"));
            await().atMost(WAIT).until(() -> QueueApi.states(topics, marker).contains("DELIVERED"));
            assertThat(QueueApi.states(topics, id))
                    .containsExactly("QUEUED", "DISPATCHING", "SENT", "DELIVERED", "READ");
        }
    }

    @Test
    void aReceiptThatComesBeforeItsSendIsRecordedWaitsForItAndReadMayComeWithoutDelivered() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING);
        String id = send(account, channel, "+14155550142", "fast receipt")
                .statusCode(202)
                .extract()
                .path("id");
        receipts(account, channel, receipt(ProviderStub.providerId(id), ReceiptStatus.READ));
        // The receipt is kept for its message before the channel can send.
        await().atMost(WAIT)
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> jdbc.query(
                                "SELECT status FROM unmatched_receipt WHERE provider_message_id = ?",
                                p -> p.string(ProviderStub.providerId(id)),
                                row -> row.getString("status")))
                        .equals(List.of("READ")));

        publish(account, channel, ChannelStatus.ACTIVE);
        awaitState(account, id, "READ");
        message(account, id).body("history.state", equalTo(List.of("FROZEN", "QUEUED", "DISPATCHING", "SENT", "READ")));
    }

    @Test
    void failedAndUnknownReceiptsEndTheMessageAndAnotherChannelsReceiptTouchesNothing() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        String failed = send(account, channel, "+14155550143", "bounced")
                .statusCode(202)
                .extract()
                .path("id");
        String unknown = send(account, channel, "+14155550143", "into the void")
                .statusCode(202)
                .extract()
                .path("id");
        String mine = send(account, channel, "+14155550143", "mine")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, mine, "SENT");

        String intruder = channel("globex-" + UUID.randomUUID(), ChannelStatus.ACTIVE);
        receipts("globex", intruder, receipt(ProviderStub.providerId(mine), ReceiptStatus.READ));
        receipts(
                account,
                channel,
                new ProviderEvent.Receipt(
                        ProviderStub.providerId(failed),
                        ReceiptStatus.FAILED,
                        "14155550143",
                        Instant.now(),
                        "131026",
                        "message undeliverable"),
                receipt(ProviderStub.providerId(unknown), ReceiptStatus.UNKNOWN),
                receipt(ProviderStub.providerId(mine), ReceiptStatus.DELIVERED));
        awaitState(account, failed, "FAILED");
        awaitState(account, unknown, "UNKNOWN");
        awaitState(account, mine, "DELIVERED");
        message(account, failed)
                .body("errorCode", equalTo("131026"))
                .body("reason", equalTo("provider receipt: failed (message undeliverable)"));
        // A later "delivered" does not bring an ended message back.
        receipts(
                account,
                channel,
                receipt(ProviderStub.providerId(failed), ReceiptStatus.DELIVERED),
                receipt(ProviderStub.providerId(mine), ReceiptStatus.PLAYED));
        awaitState(account, mine, "READ");
        message(account, failed).body("state", equalTo("FAILED"));
    }

    @Test
    void aReceiptTheDatabaseRefusesIsDeadLetteredAndAnotherAccountsReceiptsOnItsPartitionAreApplied() {
        String attacker = "mallory-" + UUID.randomUUID();
        String attackersChannel = channel(attacker, ChannelStatus.ACTIVE);
        String account = "acme-" + UUID.randomUUID();
        String channel = channelOnThePartitionOf(attackersChannel, account);
        String mine = send(account, channel, "+14155550144", "mine")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, mine, "SENT");
        try (TopicRecorder topics = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(), Topics.dlq(Topics.PROVIDER_EVENTS))) {
            // Written before the ingress checked ids against the contract: a 100,000-character id no column holds.
            receipts(attacker, attackersChannel, receipt("x".repeat(100_000), ReceiptStatus.DELIVERED));
            receipts(account, channel, receipt(ProviderStub.providerId(mine), ReceiptStatus.DELIVERED));
            awaitState(account, mine, "DELIVERED");
            await().atMost(WAIT)
                    .until(() -> topics.on(Topics.dlq(Topics.PROVIDER_EVENTS), attackersChannel)
                                    .size()
                            == 1);
            var dead = topics.on(Topics.dlq(Topics.PROVIDER_EVENTS), attackersChannel)
                    .get(0);
            assertThat(TopicRecorder.header(dead, DeadLetters.CAUSE).orElseThrow())
                    .contains("too long");
            assertThat(TopicRecorder.header(dead, DeadLetters.CONSUMER)).contains("receipts");
        }
    }

    /** A new channel of {@code account} whose events share a partition of provider.events.v1 with {@code channel}. */
    private static String channelOnThePartitionOf(String channel, String account) {
        for (int tries = 0; tries < 200; tries++) {
            String candidate = UUID.randomUUID().toString();
            if (partition(candidate) == partition(channel)) {
                publish(account, candidate, ChannelStatus.ACTIVE);
                return candidate;
            }
        }
        throw new AssertionError("no channel id on the partition of " + channel);
    }

    private static int partition(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                        key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                % Topics.DEFAULT_PARTITIONS;
    }

    private static ProviderEvent.Receipt receipt(String providerMessageId, ReceiptStatus status) {
        return new ProviderEvent.Receipt(providerMessageId, status, "14155550140", Instant.now(), null, null);
    }

    private static void receipts(String account, String channel, ProviderEvent.Receipt... receipts) {
        String eventId = UUID.randomUUID().toString();
        ProviderEvent event = new ProviderEvent(
                eventId,
                eventId,
                channel,
                account,
                QueueApi.providerId(channel),
                ProviderEventType.MESSAGE_STATUS,
                "statuses.post",
                Instant.now(),
                null,
                null,
                null,
                "{}",
                Arrays.asList(receipts),
                null,
                null,
                null,
                null);
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publish(Topics.PROVIDER_EVENTS, channel, Streams.PROVIDER_EVENTS.type(), event);
        }
    }
}
