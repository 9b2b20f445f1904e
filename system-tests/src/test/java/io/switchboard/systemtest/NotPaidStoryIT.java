package io.switchboard.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.kafka.TopicRecorder;
import io.switchboard.testkit.webhook.WebhookReceiver;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Not paid story (docs/product/channel-statuses.md) across the packaged services: "Not paid – you have run out of
 * money on your balance. Refill your account balance and active channels will start to work again. All frozen messages
 * will be sent after activation."
 *
 * <p>The account lives in a time zone whose midnight is two minutes away, at a tariff of one unit a second, so that
 * the real charge run of the real billing service charges the day within the test. The account's curator is a real
 * webhook receiver in this JVM: it hears LOW_BALANCE, NOT_PAID and PAID once each, and about a phone that goes away.
 */
class NotPaidStoryIT {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "+14155550142";
    private static LocalPlatformUnderTest platform;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = LocalPlatformUnderTest.shared();
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void anAccountRunsOutOfMoneyThroughChargingAndAPaymentSendsEveryFrozenMessageOnce() throws Exception {
        String account = "seed000-" + UUID.randomUUID().toString().substring(0, 8);
        String token = platform.token(account);
        String ops = platform.opsToken();
        Instant midnight = Instant.now().plus(Duration.ofMinutes(2));
        ZoneOffset zone = Midnights.offsetWithMidnightAt(midnight);
        try (TopicRecorder topics =
                TopicRecorder.recording(platform.kafka(), Topics.BILLING_ACCOUNT, Topics.CHANNEL_STATUS)) {

            // 1. An account with 100.00 that pays 86,400.00 a day (1.00 a second) per channel, and two ACTIVE channels.
            given().baseUri(platform.billingService())
                    .auth()
                    .oauth2(ops)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "id",
                            account,
                            "name",
                            "Seed 000",
                            "currency",
                            "USD",
                            "timeZone",
                            zone.getId(),
                            "tariff",
                            "86400.00",
                            "openingBalance",
                            "100.00"))
                    .post("/v1/accounts")
                    .then()
                    .statusCode(201)
                    .body("state", equalTo("PAID"));
            given().baseUri(platform.notificationService())
                    .auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Finance desk", "webhookUrl", receiver.url("/curator")))
                    .post("/v1/curators")
                    .then()
                    .statusCode(201);
            List<String> channels =
                    List.of(platform.activeChannel(token, "Sales"), platform.activeChannel(token, "Support"));
            await().atMost(STEP)
                    .until(() -> billing(ops, account).extract().<Integer>path("billableChannelCount") == 2);
            assertThat(Instant.now())
                    .as("the channels must be up before the account's midnight")
                    .isBefore(midnight);

            // 2. The day ends in the account's time zone; its charge takes the balance below zero: NOT_PAID, and
            //    channel-service stops both channels.
            await().atMost(Duration.ofMinutes(4))
                    .until(() ->
                            "NOT_PAID".equals(billing(ops, account).extract().path("state")));
            JsonNode billing = JSON.readTree(billing(ops, account).extract().asString());
            assertThat(new BigDecimal(billing.path("balance").asText())).isNegative();
            for (String channel : channels) {
                await().atMost(STEP).until(() -> "NOT_PAID".equals(platform.channelField(token, channel, "status")));
                await().atMost(STEP)
                        .until(() -> "NOT_PAID"
                                .equals(queue(token, channel).extract().path("status")));
            }
            JsonNode ledger = JSON.readTree(given().baseUri(platform.billingService())
                    .auth()
                    .oauth2(token)
                    .get("/v1/accounts/{id}/ledger?kind=CHARGE", account)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            assertThat(ledger.path("items")).hasSize(2); // one charge per channel for the day

            // 3. New messages are accepted and frozen, held by NOT_PAID.
            Map<String, List<String>> sent = new LinkedHashMap<>();
            for (String channel : channels) {
                List<String> texts = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    String text = "order " + i + " via " + channel.substring(0, 8);
                    send(token, channel, text)
                            .statusCode(202)
                            .body("state", equalTo("FROZEN"))
                            .body("heldBy", equalTo("NOT_PAID"));
                    texts.add(text);
                }
                sent.put(channel, texts);
            }

            // 4. A payment brings the balance above zero: PAID, the channels are back, and every frozen message
            //    reaches the client's phone exactly once, in order.
            given().baseUri(platform.billingService())
                    .auth()
                    .oauth2(ops)
                    .contentType(ContentType.JSON)
                    .body(Map.of("amount", "10000000.00", "currency", "USD", "idempotencyKey", "refill-" + account))
                    .post("/v1/accounts/{id}/payments", account)
                    .then()
                    .statusCode(201)
                    .body("state", equalTo("PAID"));
            for (String channel : channels) {
                await().atMost(STEP).until(() -> "ACTIVE".equals(platform.channelField(token, channel, "status")));
            }
            for (Map.Entry<String, List<String>> channel : sent.entrySet()) {
                await().atMost(STEP)
                        .until(() -> received(channel.getValue()).size()
                                == channel.getValue().size());
                assertThat(received(channel.getValue())).containsExactlyElementsOf(channel.getValue());
            }

            // 5. The same story on the topics: the account's states in version order, each channel's statuses.
            await().atMost(STEP).until(() -> states(topics, account).contains("PAID"));
            List<String> states = states(topics, account);
            assertThat(states.get(states.size() - 1)).isEqualTo("PAID");
            assertThat(states).contains("NOT_PAID");
            assertThat(topics.on(Topics.BILLING_ACCOUNT, account).stream()
                            .map(NotPaidStoryIT::json)
                            .map(e -> e.path("version").asLong())
                            .toList())
                    .isSorted()
                    .doesNotHaveDuplicates();
            for (String channel : channels) {
                assertThat(topics.on(Topics.CHANNEL_STATUS, channel).stream()
                                .map(r -> json(r).path("status").asText())
                                .toList())
                        .containsSubsequence("ACTIVE", "NOT_PAID", "ACTIVE");
            }

            // 6. The curator heard the balance once per change, in the order it changed, and nothing per channel
            //    (NOT_PAID is told for the account; a QR scan within the debounce window is not a problem to tell).
            await().atMost(STEP).until(() -> told(account).contains("account.paid"));
            assertThat(told(account)).containsExactly("account.low-balance", "account.not-paid", "account.paid");
            JsonNode notPaid = told().stream()
                    .filter(n -> n.path("type").asText().equals("account.not-paid"))
                    .findFirst()
                    .orElseThrow();
            assertThat(notPaid.path("data").path("text").asText())
                    .startsWith("Not paid – you have run out of money on" + " your balance")
                    .contains("Refill your account balance");

            // 7. A phone goes away and stays away: one notification, with what to do.
            String session = platform.channelField(token, channels.get(0), "providerChannelId");
            given().baseUri(platform.simulator())
                    .post("/control/channels/{id}/phone/offline", session)
                    .then()
                    .statusCode(200);
            await().atMost(STEP)
                    .until(() -> "PHONE_UNAVAILABLE".equals(platform.channelField(token, channels.get(0), "status")));
            await().atMost(STEP).until(() -> told(account).contains("channel.status-changed"));
            await().during(Duration.ofSeconds(10))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> told(account).size() == 4);
            JsonNode away = told().stream()
                    .filter(n -> n.path("type").asText().equals("channel.status-changed")
                            && n.path("data").path("accountId").asText().equals(account))
                    .findFirst()
                    .orElseThrow();
            assertThat(away.path("data").path("channelId").asText()).isEqualTo(channels.get(0));
            assertThat(away.path("data").path("requiredAction").asText()).isEqualTo("CHECK_PHONE");
            assertThat(away.path("data").path("text").asText())
                    .contains("is Phone not available since")
                    .contains("What to do: Check the phone");
            assertThat(told().stream()
                            .filter(n ->
                                    n.path("data").path("accountId").asText().equals(account))
                            .map(n -> n.path("webhookId").asText())
                            .toList())
                    .doesNotHaveDuplicates();
        }
    }

    /** Every webhook the receiver took, its {@code webhook-id} added as {@code webhookId}, in arrival order. */
    private static List<JsonNode> told() {
        return receiver.requests().stream()
                .map(request -> {
                    try {
                        return (JsonNode)
                                ((ObjectNode) JSON.readTree(request.body())).put("webhookId", request.webhookId());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
    }

    /** The webhook types the account's curator received, in arrival order. */
    private static List<String> told(String account) {
        return told().stream()
                .filter(n -> n.path("data").path("accountId").asText().equals(account))
                .map(n -> n.path("type").asText())
                .toList();
    }

    private static ValidatableResponse billing(String ops, String account) {
        return given().baseUri(platform.billingService())
                .auth()
                .oauth2(ops)
                .get("/v1/accounts/{id}/billing", account)
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse send(String token, String channel, String text) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("chatId", CLIENT, "text", text))
                .post("/v1/channels/{id}/messages", channel)
                .then();
    }

    private static ValidatableResponse queue(String token, String channel) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}/queue", channel)
                .then();
    }

    /** What the client's phone received of these texts, in arrival order. */
    private static List<String> received(List<String> texts) throws Exception {
        JsonNode all = JSON.readTree(given().baseUri(platform.simulator())
                .queryParam("to", CLIENT)
                .get("/control/messages")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> bodies = new ArrayList<>();
        for (JsonNode message : all) {
            if (texts.contains(message.path("body").asText())) {
                bodies.add(message.path("body").asText());
            }
        }
        return bodies;
    }

    private static List<String> states(TopicRecorder topics, String account) {
        return topics.on(Topics.BILLING_ACCOUNT, account).stream()
                .map(r -> json(r).path("state").asText())
                .toList();
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
