package io.switchboard.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.freshPhone;
import static io.switchboard.channel.ChannelApi.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelCheckReason;
import io.switchboard.contracts.channel.ChannelCheckRequested;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meta's webhooks of Cloud API numbers (docs/product/cloud-api-standing.md): signed with the app secret, they change
 * the channel's quality, messaging limit, restriction and ban as documented, announce each change once on
 * {@code channel.status.v1}, and a restriction from answering clients holds new messages until it ends.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class CloudStandingTest {

    private static final String APP_SECRET = "local-meta-app-secret";
    private static final String META = "/v1/provider/meta/webhooks";
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis());
    private TopicRecorder topics;

    @BeforeEach
    void stubCloudApi() {
        topics = TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_STATUS);
        ProviderStub.server()
                .stubFor(post(urlMatching("/cloud/v1/\\d+/(request_code|verify_code|register|subscribed_apps)"))
                        .atPriority(20)
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"success\":true}")));
    }

    @AfterEach
    void stopRecording() {
        topics.close();
    }

    @Test
    void metaChecksTheCallbackUrlWithTheVerifyToken() {
        given().queryParam("hub.mode", "subscribe")
                .queryParam("hub.verify_token", "local-meta-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .get(META)
                .then()
                .statusCode(200)
                .body(Matchers.equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe")
                .queryParam("hub.verify_token", "a-guess")
                .queryParam("hub.challenge", "1158201444")
                .get(META)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", Matchers.endsWith("webhook-verification-refused"));
    }

    @Test
    void aWebhookNotSignedWithTheAppSecretOrNotMetasIsRefusedAndChangesNothing() {
        Cloud channel = activeCloudChannel("acme", "7001");
        String flagged = quality(channel.phone(), "FLAGGED", null);

        given().contentType(ContentType.JSON)
                .body(flagged)
                .post(META)
                .then()
                .statusCode(401)
                .body("type", Matchers.endsWith("webhook-unauthenticated"));
        given().contentType(ContentType.JSON)
                .header("X-Hub-Signature-256", sign(flagged, "another-app-secret"))
                .body(flagged)
                .post(META)
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .header("X-Hub-Signature-256", "sha256=not-hex")
                .body(flagged)
                .post(META)
                .then()
                .statusCode(401);
        meta("{\"object\":\"page\",\"entry\":[]}").statusCode(400).body("type", Matchers.endsWith("invalid-webhook"));
        meta("[1,2]").statusCode(400);
        meta("{not json").statusCode(400);
        meta(accountUpdate(
                        channel.businessAccount(),
                        "{\"event\":\"ACCOUNT_RESTRICTION\",\"restriction_info\":"
                                + "[{\"restriction_type\":\"RESTRICTED_CUSTOMER_INITIATED_MESSAGING\","
                                + "\"expiration\":\"soon\"}]}"))
                .statusCode(400);
        // a client's message from beyond the year 9999 could be stored nowhere: refused, not written
        meta("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"time\":1,\"changes\":[{\"field\":"
                        + "\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"" + channel.numberId()
                        + "\"},\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.X\",\"timestamp\":\"999999999999\","
                        + "\"type\":\"text\"}]}}]}]}")
                .statusCode(400);

        ChannelApi.get("acme", channel.id())
                .statusCode(200)
                .body("cloud.quality", Matchers.nullValue())
                .body("cloud.restriction", Matchers.nullValue());
    }

    @Test
    void qualityAndLimitAreKeptOnTheChannelAndEachChangeIsAnnouncedOnce() {
        Cloud channel = activeCloudChannel("acme", "7002");

        // First learnt: kept, in history, no alert (nothing changed for anyone).
        meta(quality(channel.phone(), "UNFLAGGED", "TIER_1K")).statusCode(200).body("accepted", Matchers.equalTo(1));
        await().untilAsserted(() -> ChannelApi.get("acme", channel.id())
                .body("cloud.quality", Matchers.equalTo("GREEN"))
                .body("cloud.messagingLimit", Matchers.equalTo("TIER_1K")));

        // FLAGGED: RED; Meta delivering the same webhook twice changes it once.
        String flagged = quality(channel.phone(), "FLAGGED", null);
        meta(flagged).statusCode(200);
        meta(flagged).statusCode(200);
        meta(quality(channel.phone(), "DOWNGRADE", "TIER_250")).statusCode(200);
        await().untilAsserted(() ->
                assertThat(alerts(channel.id())).containsExactly("QUALITY_CHANGED", "MESSAGING_LIMIT_CHANGED"));

        JsonNode qualityChanged = announced(channel.id(), "QUALITY_CHANGED");
        assertThat(qualityChanged.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(qualityChanged.path("sendPolicy").asText()).isEqualTo("SEND");
        assertThat(qualityChanged.path("cloud").path("quality").asText()).isEqualTo("RED");
        assertThat(qualityChanged.path("detail").asText()).contains("GREEN -> RED");
        JsonNode limitChanged = announced(channel.id(), "MESSAGING_LIMIT_CHANGED");
        assertThat(limitChanged.path("cloud").path("messagingLimit").asText()).isEqualTo("TIER_250");
        assertThat(limitChanged.path("detail").asText()).contains("TIER_1K -> TIER_250", "250 business-initiated");
        ChannelApi.get("acme", channel.id())
                .body("cloud.quality", Matchers.equalTo("RED"))
                .body("cloud.messagingLimit", Matchers.equalTo("TIER_250"));
        assertThat(historyDetails(channel.id()))
                .anySatisfy(detail -> assertThat(detail).startsWith("quality GREEN (Meta UNFLAGGED)"))
                .anySatisfy(detail -> assertThat(detail).startsWith("quality GREEN -> RED"));
    }

    @Test
    void theQueuesCountOfTheMessagingLimitIsAnnouncedAsItSaysAndOnlyForACloudNumber() {
        Cloud channel = activeCloudChannel("acme", "7010");
        limitCounted(channel.id(), ChannelCheckReason.MESSAGING_LIMIT_NEAR, 41, "9 left");
        limitCounted(channel.id(), ChannelCheckReason.MESSAGING_LIMIT_REACHED, 50, "its messaging limit of 50");
        await().untilAsserted(() ->
                assertThat(alerts(channel.id())).containsExactly("MESSAGING_LIMIT_NEAR", "MESSAGING_LIMIT_REACHED"));
        JsonNode reached = announced(channel.id(), "MESSAGING_LIMIT_REACHED");
        assertThat(reached.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(reached.path("sendPolicy").asText()).isEqualTo("SEND"); // replies go on
        assertThat(reached.path("detail").asText()).contains("its messaging limit of 50");

        // A WhatsApp Web channel has no messaging limit: a count naming one is left.
        String web = ChannelApi.createChannel("acme");
        limitCounted(web, ChannelCheckReason.MESSAGING_LIMIT_REACHED, 50, "no such limit");
        limitCounted(channel.id(), ChannelCheckReason.MESSAGING_LIMIT_NEAR, 42, "8 left"); // after it, in order
        await().untilAsserted(() -> assertThat(alerts(channel.id())).hasSize(3));
        assertThat(alerts(web)).isEmpty();
    }

    @Test
    void aTemplatesNewStatusReachesEveryNumberOfTheBusinessAccountForTheQueueAndChangesNoChannel() {
        String account = "8" + IDS.incrementAndGet();
        Cloud first = activeCloudChannel("acme", account);
        Cloud second = activeCloudChannel("globex", account);
        try (TopicRecorder events =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.PROVIDER_EVENTS)) {
            String paused = accountUpdate(account, """
                    {"event":"PAUSED","message_template_id":594425479261596,"message_template_name":"order_update",
                     "message_template_language":"en_US","reason":"Low quality: clients blocked it"}""").replace("account_update", "message_template_status_update");
            meta(paused).statusCode(200).body("accepted", Matchers.equalTo(2));
            // No name: not Meta's template status; left out, counted as nothing.
            meta(accountUpdate(account, "{\"event\":\"PAUSED\"}")
                            .replace("account_update", "message_template_status_update"))
                    .statusCode(200)
                    .body("accepted", Matchers.equalTo(0));

            for (Cloud channel : List.of(first, second)) {
                await().until(() ->
                        !events.on(Topics.PROVIDER_EVENTS, channel.id()).isEmpty());
                JsonNode event = StatusEvents.json(
                        events.on(Topics.PROVIDER_EVENTS, channel.id()).get(0).value());
                assertThat(event.path("type").asText()).isEqualTo("TEMPLATE_STATUS");
                assertThat(event.path("accountId").asText()).isEqualTo(channel.account());
                assertThat(event.path("template").path("name").asText()).isEqualTo("order_update");
                assertThat(event.path("template").path("language").asText()).isEqualTo("en_US");
                assertThat(event.path("template").path("status").asText()).isEqualTo("PAUSED");
                assertThat(event.path("template").path("sendable").asBoolean()).isFalse();
                assertThat(event.path("template").path("reason").asText()).contains("clients blocked it");
                ChannelApi.get(channel.account(), channel.id()).body("status", Matchers.equalTo("ACTIVE"));
            }
        }
        assertThat(alerts(first.id())).isEmpty();
    }

    @Test
    void aRestrictionFromAnsweringClientsHoldsNewMessagesUntilItsTimePasses() {
        Cloud channel = activeCloudChannel("acme", "7003");
        Instant until = Instant.now().plusSeconds(3);

        meta(restriction(channel.businessAccount(), "RESTRICTED_CUSTOMER_INITIATED_MESSAGING", until))
                .statusCode(200);

        await().untilAsserted(() -> ChannelApi.get("acme", channel.id())
                .body("status", Matchers.equalTo("ACTIVE"))
                .body("sendPolicy", Matchers.equalTo("QUEUE"))
                .body("requiredAction", Matchers.equalTo("WAIT_FOR_RESTRICTION_END"))
                .body("cloud.restriction", Matchers.equalTo("CUSTOMER_INITIATED"))
                .body("cloud.restrictedUntil", Matchers.notNullValue()));
        JsonNode restricted = announced(channel.id(), "MESSAGING_RESTRICTED");
        assertThat(restricted.path("sendPolicy").asText()).isEqualTo("QUEUE");
        assertThat(Instant.parse(
                        restricted.path("cloud").path("restrictedUntil").asText()))
                .isEqualTo(until.truncatedTo(ChronoUnit.SECONDS));

        // Its time passes: the channel sends again, and says so once.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> ChannelApi.get("acme", channel.id())
                        .body("sendPolicy", Matchers.equalTo("SEND"))
                        .body("requiredAction", Matchers.equalTo("NONE"))
                        .body("cloud.restriction", Matchers.nullValue()));
        await().untilAsserted(() -> assertThat(alerts(channel.id()))
                .containsExactly("MESSAGING_RESTRICTED", "MESSAGING_RESTRICTION_ENDED"));
        assertThat(announced(channel.id(), "MESSAGING_RESTRICTION_ENDED")
                        .path("sendPolicy")
                        .asText())
                .isEqualTo("SEND");
    }

    @Test
    void aRestrictionOfOpeningConversationsAloneHoldsNoReplyAndMetaCanLiftIt() {
        Cloud channel = activeCloudChannel("acme", "7004");

        meta(restriction(
                        channel.businessAccount(),
                        "RESTRICTED_BIZ_INITIATED_MESSAGING",
                        Instant.now().plusSeconds(86_400)))
                .statusCode(200);
        await().untilAsserted(() -> ChannelApi.get("acme", channel.id())
                .body("cloud.restriction", Matchers.equalTo("BUSINESS_INITIATED"))
                .body("sendPolicy", Matchers.equalTo("SEND")));

        // An ACCOUNT_RESTRICTION with no messaging restriction left: lifted.
        meta(accountUpdate(channel.businessAccount(), "{\"event\":\"ACCOUNT_RESTRICTION\",\"restriction_info\":[]}"))
                .statusCode(200);
        await().untilAsserted(() -> assertThat(alerts(channel.id()))
                .containsExactly("MESSAGING_RESTRICTED", "MESSAGING_RESTRICTION_ENDED"));
        ChannelApi.get("acme", channel.id()).body("cloud.restriction", Matchers.nullValue());
    }

    @Test
    void aBanStopsEveryNumberOfTheBusinessAccountAndReinstatementBringsThemBack() {
        String account = "9" + IDS.incrementAndGet();
        Cloud first = activeCloudChannel("acme", account);
        Cloud second = activeCloudChannel("globex", account);
        Cloud other = activeCloudChannel("acme", "9" + IDS.incrementAndGet());

        meta(ban(account, "SCHEDULE_FOR_DISABLE")).statusCode(200).body("accepted", Matchers.equalTo(2));
        meta(accountUpdate(
                        account, "{\"event\":\"ACCOUNT_VIOLATION\",\"violation_info\":{\"violation_type\":\"SCAM\"}}"))
                .statusCode(200);
        meta(ban(account, "DISABLE")).statusCode(200);

        for (Cloud banned : List.of(first, second)) {
            await().untilAsserted(() -> ChannelApi.get(banned.account(), banned.id())
                    .body("status", Matchers.equalTo("BANNED"))
                    .body("sendPolicy", Matchers.equalTo("REJECT"))
                    .body("requiredAction", Matchers.equalTo("REQUEST_REVIEW")));
            assertThat(alerts(banned.id())).containsExactly("BAN_SCHEDULED", "POLICY_VIOLATION");
            assertThat(announced(banned.id(), "POLICY_VIOLATION").path("detail").asText())
                    .contains("SCAM");
        }
        ChannelApi.get("acme", other.id()).body("status", Matchers.equalTo("ACTIVE"));
        assertThat(alerts(other.id())).isEmpty();

        meta(ban(account, "REINSTATE")).statusCode(200);
        await().untilAsserted(() ->
                assertThat(ChannelApi.status("globex", second.id())).isEqualTo("ACTIVE"));
        assertThat(StatusEvents.changes(topics, first.id())).endsWith("BANNED", "ACTIVE");
    }

    @Test
    void aNumberMetaBlocksHoldsItsMessagesAndSendsAgainOnceMetaAllowsIt() {
        Cloud channel = activeCloudChannel("acme", "7005");
        var blocked = ProviderStub.server()
                .stubFor(get(urlPathEqualTo("/cloud/v1/" + channel.numberId()))
                        .atPriority(1)
                        .willReturn(health(
                                "BLOCKED",
                                "{\"entity_type\":\"WABA\",\"id\":\"" + channel.businessAccount()
                                        + "\",\"can_send_message\":\"BLOCKED\",\"errors\":[{\"error_code\":141010,"
                                        + "\"error_description\":\"The Business has not passed business verification\","
                                        + "\"possible_solution\":\"Verify the business in Business Manager\"}]}",
                                "YELLOW")));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> ChannelApi.get("acme", channel.id())
                        .body("status", Matchers.equalTo("BLOCKED"))
                        .body("sendPolicy", Matchers.equalTo("QUEUE"))
                        .body("requiredAction", Matchers.equalTo("RESOLVE_IN_WHATSAPP_MANAGER"))
                        .body("cloud.quality", Matchers.equalTo("YELLOW")));
        assertThat(historyDetails(channel.id()))
                .anySatisfy(detail -> assertThat(detail).contains("BLOCKED", "has not passed business verification"));

        // Meta lets it send again, with a limit: ACTIVE, and the limit told once.
        ProviderStub.server().removeStub(blocked);
        ProviderStub.server()
                .stubFor(get(urlPathEqualTo("/cloud/v1/" + channel.numberId()))
                        .atPriority(1)
                        .willReturn(health(
                                "LIMITED",
                                "{\"entity_type\":\"PHONE_NUMBER\",\"can_send_message\":\"LIMITED\","
                                        + "\"errors\":[{\"error_code\":141006,\"error_description\":\"The display"
                                        + " name has not been approved\"}]}",
                                "YELLOW")));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> ChannelApi.get("acme", channel.id())
                        .body("status", Matchers.equalTo("ACTIVE"))
                        .body("sendPolicy", Matchers.equalTo("SEND"))
                        .body("cloud.sendingLimitedBy", Matchers.containsString("display name has not been approved")));
        await().pollDelay(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(alerts(channel.id())).containsExactly("SENDING_LIMITED"));
        assertThat(StatusEvents.changes(topics, channel.id())).endsWith("BLOCKED", "ACTIVE");
    }

    @Test
    void theReceiptsAndInboundMessagesOfACloudNumberReachItsChannel() {
        Cloud channel = activeCloudChannel("acme", "7006");
        long now = Instant.now().getEpochSecond();
        String value = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\""
                + channel.phone().substring(1) + "\",\"phone_number_id\":\"" + channel.numberId() + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Kerry\"},\"wa_id\":\"16505551234\"}],"
                + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.IN1\",\"timestamp\":\"" + now + "\","
                + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}],"
                + "\"statuses\":[{\"id\":\"wamid.OUT1\",\"status\":\"delivered\",\"timestamp\":\"" + now + "\","
                + "\"recipient_id\":\"16505551234\"}]}";

        meta("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + channel.businessAccount()
                        + "\",\"time\":" + now + ",\"changes\":[{\"field\":\"messages\",\"value\":" + value
                        + "}]}]}")
                .statusCode(200)
                .body("accepted", Matchers.equalTo(2));

        await().untilAsserted(() -> given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/delivery", channel.id())
                .then()
                .statusCode(200)
                .body("lastReceiptAt", Matchers.notNullValue())
                .body("lastInboundAt", Matchers.notNullValue()));
    }

    @Test
    void aWebhookAboutANumberWithNoChannelHereIsAcceptedAndLeft() {
        meta(quality("+61400" + (IDS.incrementAndGet() % 1_000_000), "FLAGGED", null))
                .statusCode(200)
                .body("accepted", Matchers.equalTo(0))
                .body("unmatched", Matchers.equalTo(1));
        // Fields Switchboard does not act upon (messages, templates) are left out, not refused.
        meta("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"time\":1,\"changes\":"
                        + "[{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"APPROVED\"}}]}]}")
                .statusCode(200)
                .body("accepted", Matchers.equalTo(0));
    }

    /** A Cloud API channel of the account, verified and ACTIVE, in the business account given. */
    private static Cloud activeCloudChannel(String account, String businessAccount) {
        String phone = freshPhone();
        String numberId = String.valueOf(IDS.incrementAndGet());
        String id = given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body("{\"phone\":\"" + phone + "\",\"name\":\"Support\",\"kind\":\"CLOUD_API\","
                        + "\"cloudPhoneNumberId\":\"" + numberId + "\",\"cloudBusinessAccountId\":\""
                        + businessAccount + "\"}")
                .post("/v1/channels")
                .then()
                .statusCode(201)
                .body("cloudBusinessAccountId", Matchers.equalTo(businessAccount))
                .extract()
                .path("id");
        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v1/channels/{id}/verification", id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body("{\"code\":\"123456\"}")
                .post("/v1/channels/{id}/verification/code", id)
                .then()
                // 202 when the registration was not answered within the request: it is retried until ACTIVE
                .statusCode(Matchers.oneOf(200, 202));
        await().until(() -> "ACTIVE".equals(ChannelApi.status(account, id)));
        return new Cloud(account, id, phone, businessAccount, numberId);
    }

    private static void limitCounted(String channelId, ChannelCheckReason reason, int used, String detail) {
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publish(
                    Topics.CHANNEL_CHECK_REQUESTS,
                    channelId,
                    Streams.CHANNEL_CHECK_REQUESTS.type(),
                    new ChannelCheckRequested(
                            UUID.randomUUID().toString(),
                            channelId,
                            "acme",
                            reason,
                            ChannelStatus.ACTIVE,
                            used,
                            "the number began conversations with " + used + " clients in 24 hours, " + detail,
                            Instant.now()));
        }
    }

    private record Cloud(String account, String id, String phone, String businessAccount, String numberId) {}

    private static ResponseDefinitionBuilder health(String canSend, String entity, String quality) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"quality_rating\":\"" + quality + "\",\"health_status\":{\"can_send_message\":\"" + canSend
                        + "\",\"entities\":[" + entity + "]}}");
    }

    private List<String> alerts(String channelId) {
        return StatusEvents.of(topics, channelId).stream()
                .map(event -> event.path("alert").asText(""))
                .filter(alert -> !alert.isEmpty())
                .toList();
    }

    private JsonNode announced(String channelId, String alert) {
        return StatusEvents.of(topics, channelId).stream()
                .filter(event -> alert.equals(event.path("alert").asText()))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> historyDetails(String channelId) {
        return given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/history", channelId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.detail", String.class);
    }

    private static ValidatableResponse meta(String body) {
        return given().contentType(ContentType.JSON)
                .header("X-Hub-Signature-256", sign(body, APP_SECRET))
                .body(body)
                .post(META)
                .then();
    }

    static String quality(String phone, String event, String limit) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"time\":"
                + Instant.now().getEpochSecond() + ",\"changes\":[{\"field\":\"phone_number_quality_update\","
                + "\"value\":{\"display_phone_number\":\"" + phone.substring(1) + "\",\"event\":\"" + event + "\""
                + (limit == null ? "" : ",\"current_limit\":\"" + limit + "\"") + "}}]}]}";
    }

    static String accountUpdate(String businessAccount, String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + businessAccount + "\",\"time\":"
                + Instant.now().getEpochSecond() + ",\"changes\":[{\"field\":\"account_update\",\"value\":" + value
                + "}]}]}";
    }

    private static String restriction(String businessAccount, String type, Instant until) {
        return accountUpdate(
                businessAccount,
                "{\"event\":\"ACCOUNT_RESTRICTION\",\"restriction_info\":[{\"restriction_type\":\"" + type
                        + "\",\"expiration\":" + until.getEpochSecond() + "}]}");
    }

    private static String ban(String businessAccount, String state) {
        return accountUpdate(
                businessAccount,
                "{\"event\":\"DISABLED_UPDATE\",\"ban_info\":{\"waba_ban_state\":\"" + state
                        + "\",\"waba_ban_date\":\"December 7, 2026\"}}");
    }

    static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
