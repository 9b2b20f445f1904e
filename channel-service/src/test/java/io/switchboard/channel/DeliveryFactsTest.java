package io.switchboard.channel;

import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.createChannel;
import static io.switchboard.channel.ChannelApi.token;
import static io.switchboard.channel.ChannelApi.webhook;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static io.switchboard.channel.DeliveryTraffic.inbound;
import static io.switchboard.channel.DeliveryTraffic.receipt;
import static io.switchboard.channel.DeliveryTraffic.sent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testkit.SwitchboardTestResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The facts the delivery watchdog judges by: sends the provider accepted (the queue's SENT) stay awaiting a receipt
 * until any receipt of theirs comes, the server's "sent" included, even one that came first; and when the provider
 * last posted anything, a receipt, an inbound message.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class DeliveryFactsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void sendsAwaitAReceiptUntilAnyComesEvenOneThatCameBeforeTheSendWasRecorded() {
        String channel = createChannel("acme");
        String secret = webhookSecret(channel);
        delivery("acme", channel)
                .statusCode(200)
                .body("sendsAwaitingReceipt", equalTo(0))
                .body("lastReceiptAt", nullValue());

        // The server's "sent" of m-3 comes before the queue's SENT of m-3 has been applied here.
        receipt(channel, secret, "m-3", "sent");
        sent("acme", channel, "m-1", "+14155550101");
        sent("acme", channel, "m-2", "+14155550102");
        sent("acme", channel, "m-3", "+14155550103");
        await().atMost(WAIT)
                .untilAsserted(() -> delivery("acme", channel)
                        .body("sendsAwaitingReceipt", equalTo(2))
                        .body("chatsAwaitingReceipt", equalTo(2))
                        .body("oldestAwaitingReceiptSince", notNullValue())
                        .body("lastReceiptAt", notNullValue())
                        .body("lastInboundAt", nullValue()));

        receipt(channel, secret, "m-1", "delivered");
        inbound(channel, secret, "14155550102");
        await().atMost(WAIT)
                .untilAsserted(() -> delivery("acme", channel)
                        .body("sendsAwaitingReceipt", equalTo(1))
                        .body("chatsAwaitingReceipt", equalTo(1))
                        .body("lastInboundAt", notNullValue())
                        .body("lastWebhookAt", notNullValue()));
        // A repeated SENT (Kafka redelivers) does not make an acknowledged send wait again.
        sent("acme", channel, "m-1", "+14155550101");
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> delivery("acme", channel).body("sendsAwaitingReceipt", equalTo(1)));
    }

    @Test
    void aBatchThatNamesOneSendTwiceIsAppliedOnce() {
        String channel = createChannel("acme");
        String secret = webhookSecret(channel);
        sent("acme", channel, "m-9", "+14155550109");
        sent("acme", channel, "m-9", "+14155550109"); // Kafka redelivers: likely in the same batch
        sent("acme", channel, "m-10", "+14155550110");
        await().atMost(WAIT).untilAsserted(() -> delivery("acme", channel).body("sendsAwaitingReceipt", equalTo(2)));
        // one webhook, two receipts of one message: one consumer batch names the send twice
        webhook(channel, secret, """
                {"statuses":[{"id":"m-9","code":3,"status":"delivered","recipient_id":"14155550109","timestamp":"1713891930"},
                             {"id":"m-9","code":4,"status":"read","recipient_id":"14155550109","timestamp":"1713891931"}],
                 "event":{"type":"statuses","event":"post"},"channel_id":"SIM-XYZ"}""").statusCode(200);
        await().atMost(WAIT)
                .untilAsserted(() -> delivery("acme", channel)
                        .body("sendsAwaitingReceipt", equalTo(1))
                        .body("lastReceiptAt", notNullValue()));
    }

    @Test
    void anotherAccountCannotReadAChannelsDeliveryFacts() {
        String channel = createChannel("acme");
        delivery("globex", channel).statusCode(404);
        given().get("/v1/channels/{id}/delivery", channel).then().statusCode(401);
    }

    private static ValidatableResponse delivery(String account, String channel) {
        return given().auth()
                .oauth2(token(account))
                .get("/v1/channels/{id}/delivery", channel)
                .then();
    }
}
