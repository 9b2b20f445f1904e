package io.switchboard.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testkit.webhook.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Meta says of an official Cloud API number (docs/product/cloud-api-standing.md), played by the simulator and
 * seen through the packaged platform: Meta's signed webhooks reach channel-service at the app's callback URL, and
 * the number's health status is asked for; a restriction from answering clients holds a message until it ends and
 * it is then sent once; a block holds, a ban refuses; the account's curator is told each finding once.
 */
class CloudStandingIT {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalPlatformUnderTest platform;
    private static WebhookReceiver curator;

    private final String account = "cloud-" + ThreadLocalRandom.current().nextInt(1_000_000);
    private final String token = platform.token(account);

    @BeforeAll
    static void start() {
        platform = LocalPlatformUnderTest.shared();
        curator = WebhookReceiver.start();
    }

    @AfterAll
    static void stop() {
        curator.close();
    }

    @Test
    void metasWebhooksAndHealthStatusChangeTheChannelHoldOrRefuseItsMessagesAndAreToldOnce() {
        curatorListens();
        String numberId = newNumberId();
        String id = verifiedCloudChannel(numberId, newNumberId());
        // A client writes (Meta's messages webhook): the chat's 24-hour service window opens for free text.
        String client = platform.freshPhone();
        clientWrites(numberId, client);

        // Quality: first learnt quietly, then flagged and downgraded: kept on the channel, told once each.
        meta(numberId, "quality", Map.of("event", "UNFLAGGED", "limit", "TIER_1K"));
        await().atMost(STEP).until(() -> "TIER_1K".equals(field(id, "cloud.messagingLimit")));
        meta(numberId, "quality", Map.of("event", "FLAGGED"));
        meta(numberId, "quality", Map.of("event", "DOWNGRADE", "limit", "TIER_250"));
        await().atMost(STEP).until(() -> "TIER_250".equals(field(id, "cloud.messagingLimit")));
        assertThat(field(id, "cloud.quality")).isEqualTo("RED");

        // Restricted from answering clients for 20 s: a message is held, then sent once when the time passes.
        Instant until = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS); // Meta gives Unix seconds
        meta(
                numberId,
                "restriction",
                Map.of("restrictions", List.of("RESTRICTED_CUSTOMER_INITIATED_MESSAGING"), "until", until.toString()));
        await().atMost(STEP).until(() -> "QUEUE".equals(queuePolicy(id)));
        assertThat(field(id, "requiredAction")).isEqualTo("WAIT_FOR_RESTRICTION_END");
        String message = send(id, client, "held while restricted")
                .statusCode(202)
                .extract()
                .path("id");
        assertThat(messageState(message)).isEqualTo("FROZEN");
        assertThat(messageField(message, "reason")).contains("messaging restricted by Meta");
        await().atMost(STEP).until(() -> "SENT".equals(messageState(message)));
        assertThat(Instant.now()).isAfterOrEqualTo(until);
        assertThat(received(client)).containsExactly("held while restricted");

        // Meta's health status says BLOCKED: the channel holds; AVAILABLE again: it sends.
        health(numberId, Map.of("canSendMessage", "BLOCKED", "errors", List.of("The business is not verified")));
        await().atMost(STEP).until(() -> "BLOCKED".equals(field(id, "status")));
        assertThat(field(id, "sendPolicy")).isEqualTo("QUEUE");
        health(numberId, Map.of("canSendMessage", "AVAILABLE"));
        await().atMost(STEP).until(() -> "ACTIVE".equals(field(id, "status")));

        // The business account is disabled: messages are refused until it is reinstated.
        meta(numberId, "ban", Map.of("state", "DISABLE"));
        await().atMost(STEP).until(() -> "BANNED".equals(field(id, "status")));
        await().atMost(STEP).until(() -> "REJECT".equals(queuePolicy(id)));
        send(id, client, "refused while banned").statusCode(409);
        meta(numberId, "ban", Map.of("state", "REINSTATE"));
        await().atMost(STEP).until(() -> "ACTIVE".equals(field(id, "status")));

        // The curator heard each of Meta's findings once (the block and the ban, shorter than the debounce window,
        // are no notice: notification-service's own tests tell those).
        await().atMost(STEP)
                .untilAsserted(() -> assertThat(told())
                        .containsOnlyOnce(
                                "channel.quality-changed",
                                "channel.messaging-limit-changed",
                                "channel.messaging-restricted",
                                "channel.messaging-restriction-ended")
                        .containsSubsequence("channel.messaging-restricted", "channel.messaging-restriction-ended"));
    }

    @Test
    void sendsToOneClientAreSpacedByThePairRateWhileOtherClientsGetTheirsAndAPausedTemplateIsRefused() {
        String numberId = newNumberId();
        String id = verifiedCloudChannel(numberId, newNumberId());
        String busy = platform.freshPhone();
        String other = platform.freshPhone();
        clientWrites(numberId, busy);
        clientWrites(numberId, other);
        await().atMost(STEP).until(() -> send(id, busy, "one").extract().statusCode() == 202);
        String second = send(id, busy, "two").statusCode(202).extract().path("id");
        String third = send(id, busy, "three").statusCode(202).extract().path("id");
        String toOther = send(id, other, "yours").statusCode(202).extract().path("id");
        for (String message : List.of(second, third, toOther)) { // SENT, then DELIVERED by Meta's statuses
            await().atMost(STEP).until(() -> sentAt(message) != null);
        }
        // Meta's pair rate: one message per 6 s to one client; the other client did not wait for it.
        assertThat(received(busy)).containsExactly("one", "two", "three");
        assertThat(Duration.between(sentAt(second), sentAt(third))).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
        assertThat(sentAt(toOther)).isBefore(sentAt(second));

        // Meta pauses a template: refused at once, with Meta's status; reinstated, it is sent.
        meta(numberId, "template", Map.of("name", "order_update", "language", "en_US", "event", "PAUSED"));
        Map<String, Object> template = Map.of("name", "order_update", "language", "en_US");
        String stranger = platform.freshPhone();
        await().atMost(STEP)
                .until(() -> sendTemplate(id, stranger, template).extract().statusCode() == 409);
        sendTemplate(id, stranger, template)
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("template-not-sendable"))
                .body("templateStatus", org.hamcrest.Matchers.equalTo("PAUSED"));
        meta(numberId, "template", Map.of("name", "order_update", "language", "en_US", "event", "REINSTATED"));
        await().atMost(STEP)
                .until(() -> sendTemplate(id, stranger, template).extract().statusCode() == 202);
        await().atMost(STEP).until(() -> received(stranger).contains("[template order_update (en_US)]"));
    }

    @Test
    void aNumberNearItsMessagingLimitWarnsAndAtItHoldsNewConversationsWhileRepliesGo() {
        curatorListens();
        String numberId = newNumberId();
        String id = verifiedCloudChannel(numberId, newNumberId());
        meta(numberId, "quality", Map.of("event", "DOWNGRADE", "limit", "TIER_50"));
        await().atMost(STEP).until(() -> "TIER_50".equals(field(id, "cloud.messagingLimit")));
        String client = platform.freshPhone();
        clientWrites(numberId, client);
        Map<String, Object> template = Map.of("name", "spring_sale", "language", "en");

        // A campaign to 51 clients who never wrote: at 41 conversations begun, fewer than a fifth is left (told);
        // at 50 the limit is reached (told), and the 51st waits with its reason.
        List<String> campaign = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) {
            campaign.add(sendTemplate(id, platform.freshPhone(), template)
                    .statusCode(202)
                    .extract()
                    .path("id"));
            if (i == 40) {
                for (String message : campaign) {
                    await().atMost(STEP).until(() -> sentAt(message) != null);
                }
                await().atMost(STEP).until(() -> told().contains("channel.messaging-limit-near"));
            }
        }
        for (String message : campaign.subList(0, 50)) {
            await().atMost(STEP).until(() -> sentAt(message) != null);
        }
        String last = campaign.get(50);
        await().atMost(STEP)
                .until(() -> String.valueOf(messageField(last, "reason")).contains("messaging limit is reached (50"));
        assertThat(messageState(last)).isEqualTo("QUEUED");
        // The client who wrote still gets a reply at once.
        await().atMost(STEP)
                .until(() -> send(id, client, "on its way").extract().statusCode() == 202);
        await().atMost(STEP).until(() -> received(client).contains("on its way"));
        assertThat(sentAt(last)).isNull();

        // Curators were warned before the limit, and told when it was reached, once each.
        await().atMost(STEP)
                .untilAsserted(() -> assertThat(told())
                        .containsOnlyOnce("channel.messaging-limit-near", "channel.messaging-limit-reached")
                        .containsSubsequence("channel.messaging-limit-near", "channel.messaging-limit-reached"));
    }

    /** This account's curator listens (a webhook to the test's receiver). */
    private void curatorListens() {
        given().baseUri(platform.notificationService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Compliance desk", "webhookUrl", curator.url("/" + account)))
                .post("/v1/curators")
                .then()
                .statusCode(201);
    }

    /** A fresh id as Meta gives them (phone number ids, business accounts). */
    private static String newNumberId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    }

    /** The client writes to the number (Meta's messages webhook): the chat's 24-hour service window opens. */
    private static void clientWrites(String numberId, String client) {
        given().baseUri(platform.simulator())
                .contentType(ContentType.JSON)
                .body(Map.of("from", client, "text", "hello"))
                .post("/control/cloud-numbers/{id}/meta/inbound", numberId)
                .then()
                .statusCode(200);
    }

    private ValidatableResponse sendTemplate(String id, String client, Map<String, ?> template) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("chatId", client, "template", template))
                .post("/v1/channels/{id}/messages", id)
                .then();
    }

    /** When the message was sent, as its history says; null while it is not. */
    private Instant sentAt(String message) {
        String at = given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/messages/{id}", message)
                .then()
                .extract()
                .jsonPath()
                .getString("history.find { it.state == 'SENT' }.at");
        return at == null ? null : Instant.parse(at);
    }

    /** A Cloud API number of the simulator in the business account, its channel created and verified: ACTIVE. */
    private String verifiedCloudChannel(String numberId, String businessAccount) {
        String phone = platform.freshPhone();
        given().baseUri(platform.simulator())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "phoneNumberId",
                        numberId,
                        "phone",
                        phone,
                        "code",
                        "424242",
                        "businessAccountId",
                        businessAccount))
                .post("/control/cloud-numbers")
                .then()
                .statusCode(201);
        String id = channel(
                        "/v1/channels",
                        null,
                        Map.of(
                                "phone",
                                phone,
                                "name",
                                "Official",
                                "kind",
                                "CLOUD_API",
                                "cloudPhoneNumberId",
                                numberId,
                                "cloudBusinessAccountId",
                                businessAccount))
                .statusCode(201)
                .extract()
                .path("id");
        channel("/v1/channels/{id}/verification", id, Map.of()).statusCode(200);
        channel("/v1/channels/{id}/verification/code", id, Map.of("code", "424242"))
                .statusCode(org.hamcrest.Matchers.oneOf(200, 202));
        await().atMost(STEP).until(() -> "ACTIVE".equals(field(id, "status")));
        await().atMost(STEP).until(() -> "SEND".equals(queuePolicy(id)));
        return id;
    }

    private static void meta(String numberId, String what, Map<String, ?> body) {
        given().baseUri(platform.simulator())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/control/cloud-numbers/{id}/meta/" + what, numberId)
                .then()
                .statusCode(200);
    }

    private static void health(String numberId, Map<String, ?> body) {
        given().baseUri(platform.simulator())
                .contentType(ContentType.JSON)
                .body(body)
                .put("/control/cloud-numbers/{id}/meta/health", numberId)
                .then()
                .statusCode(200);
    }

    private ValidatableResponse channel(String path, String id, Map<String, ?> body) {
        var request = given().baseUri(platform.channelService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body);
        return (id == null ? request.post(path) : request.post(path, id)).then();
    }

    private String field(String id, String path) {
        return given().baseUri(platform.channelService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .path(path);
    }

    /** The send policy the queue applies to the channel now (it learns it from channel.status.v1). */
    private String queuePolicy(String id) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/channels/{id}/queue", id)
                .then()
                .extract()
                .path("sendPolicy");
    }

    private ValidatableResponse send(String id, String client, String text) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("chatId", client, "text", text))
                .post("/v1/channels/{id}/messages", id)
                .then();
    }

    private String messageState(String message) {
        return messageField(message, "state");
    }

    private String messageField(String message, String field) {
        return given().baseUri(platform.queueService())
                .auth()
                .oauth2(token)
                .get("/v1/messages/{id}", message)
                .then()
                .extract()
                .path(field);
    }

    private static List<String> received(String client) {
        return given().baseUri(platform.simulator())
                .queryParam("to", client)
                .get("/control/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("body", String.class);
    }

    /** The notice types this account's curator received, in arrival order. */
    private List<String> told() {
        return curator.requests("/" + account).stream()
                .map(request -> {
                    try {
                        return JSON.readTree(request.body());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .map(notice -> notice.path("type").asText())
                .toList();
    }
}
