package io.switchboard.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static io.switchboard.queue.QueueApi.WAIT;
import static io.switchboard.queue.QueueApi.awaitState;
import static io.switchboard.queue.QueueApi.channel;
import static io.switchboard.queue.QueueApi.cloudSendPath;
import static io.switchboard.queue.QueueApi.message;
import static io.switchboard.queue.QueueApi.publish;
import static io.switchboard.queue.QueueApi.send;
import static io.switchboard.queue.QueueApi.sendPath;
import static io.switchboard.queue.QueueApi.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.CloudStanding;
import io.switchboard.contracts.channel.MessagingLimit;
import io.switchboard.contracts.channel.NumberQuality;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.queue.message.MessageTransitions;
import io.switchboard.queue.message.Transition;
import io.switchboard.queue.sql.Jdbc;
import io.switchboard.queue.sweep.Sweeper;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import io.switchboard.testkit.time.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Handing messages to the provider: pacing measured where the sends arrive, what each provider answer does, parallel
 * channels that do not wait for each other, the contact check of a new chat, and what fences a dispatcher that lost
 * its lease.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class DispatchTest {

    @Inject
    Jdbc jdbc;

    @Inject
    MessageTransitions transitions;

    @Inject
    Sweeper sweeper;

    @AfterEach
    void resetProvider() {
        ProviderStub.server().resetAll();
        ProviderStub.sendsSucceed();
    }

    @Test
    void aWhatsAppWebChannelKeepsItsLeastGapAndAReleasedBacklogItsRandomGap() {
        String account = account(Map.of("minGapMillis", 150, "backlogGapMinMillis", 300, "backlogGapMaxMillis", 450));
        String channel = channel(account, ChannelStatus.STARTING);
        List<String> backlog = sendAll(account, channel, 4);
        publish(account, channel, ChannelStatus.ACTIVE);
        awaitState(account, backlog.get(3), "SENT");
        List<String> live = sendAll(account, channel, 4);
        awaitState(account, live.get(3), "SENT");

        List<Long> gaps = gaps(ProviderStub.arrivals(sendPath(channel)));
        assertThat(ProviderStub.sentKeys(sendPath(channel))).containsExactlyElementsOf(concat(backlog, live));
        assertThat(gaps.subList(0, 3))
                .as("backlog gaps (ms)")
                .allSatisfy(gap -> assertThat(gap).isBetween(295L, 1500L));
        assertThat(gaps.subList(4, 7))
                .as("live gaps (ms)")
                .allSatisfy(gap -> assertThat(gap).isBetween(145L, 1000L));
    }

    @Test
    void aChannelThatFlapsKeepsItsGapAfterItsLastSend() {
        String account = account(Map.of("minGapMillis", 2_000));
        String channel = channel(account, ChannelStatus.ACTIVE);
        String first = send(account, channel, "+14155550141", "before")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, first, "SENT");
        publish(account, channel, ChannelStatus.STARTING);
        String second = send(account, channel, "+14155550141", "after")
                .statusCode(202)
                .extract()
                .path("id");
        publish(account, channel, ChannelStatus.ACTIVE);
        awaitState(account, second, "SENT");

        List<Instant> arrivals = ProviderStub.arrivals(sendPath(channel));
        assertThat(arrivals).hasSize(2);
        assertThat(Duration.between(arrivals.get(0), arrivals.get(1)))
                .as("the gap across the flap")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_950));
    }

    @Test
    void aCloudApiChannelRefusesFreeTextToAChatWhoseClientHasNotWrittenWithin24Hours() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE, ChannelKind.CLOUD_API);

        send(account, channel, "+14155550190", "a chat we begin")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("outside-service-window"))
                .body("chatId", org.hamcrest.Matchers.equalTo("+14155550190"))
                .body("detail", org.hamcrest.Matchers.containsString("template"));
        assertThat(ProviderStub.sentKeys(cloudSendPath(channel))).isEmpty();

        clientWrote(account, channel, "+14155550190");
        String reply = send(account, channel, "+14155550190", "thanks for writing")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, reply, "SENT");
        assertThat(ProviderStub.sentKeys(cloudSendPath(channel))).containsExactly(reply);
    }

    @Test
    void aTemplateReachesAClientWhoNeverWroteAndIsForCloudApiChannelsOnly() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE, ChannelKind.CLOUD_API);
        Map<String, Object> template =
                Map.of("name", "order_update", "language", "en_US", "parameters", List.of(Map.of("text", "Kerry")));

        String id = send(account, channel, Map.of("chatId", "+14155550191", "template", template))
                .statusCode(202)
                .body("text", org.hamcrest.Matchers.equalTo("template order_update (en_US): Kerry"))
                .extract()
                .path("id");
        awaitState(account, id, "SENT");

        var body = QueueApi.json(ProviderStub.server()
                .findAll(postRequestedFor(urlPathEqualTo(cloudSendPath(channel))))
                .get(0)
                .getBodyAsString());
        assertThat(body.path("type").asText()).isEqualTo("template");
        assertThat(body.path("to").asText()).isEqualTo("+14155550191");
        assertThat(body.at("/template/name").asText()).isEqualTo("order_update");
        assertThat(body.at("/template/language/code").asText()).isEqualTo("en_US");
        assertThat(body.at("/template/components/0/parameters/0/text").asText()).isEqualTo("Kerry");
        assertThat(body.path("text").isMissingNode()).isTrue();

        send(account, channel, Map.of("chatId", "+14155550191", "text", "hi", "template", template))
                .statusCode(400);
        send(account, channel, Map.of("chatId", "+14155550191")).statusCode(400);
        send(
                        account,
                        channel,
                        Map.of(
                                "chatId",
                                "+14155550191",
                                "template",
                                Map.of("name", "Order Update", "language", "en_US")))
                .statusCode(400);
        String web = channel(account, ChannelStatus.ACTIVE);
        send(account, web, Map.of("chatId", "+14155550191", "template", template))
                .statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("Cloud API channels only"));
    }

    @Test
    void aTemplateMetaPausedIsRefusedAtOnceAndGoesAgainOnceMetaReinstatesIt() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE, ChannelKind.CLOUD_API);
        Map<String, Object> template = Map.of("name", "order_update", "language", "en_US");
        Map<String, Object> otherLanguage = Map.of("name", "order_update", "language", "de");

        metaSaysOfTemplate(account, channel, "order_update", "en_US", "PAUSED", "clients blocked it");
        send(account, channel, Map.of("chatId", "+14155550192", "template", template))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("template-not-sendable"))
                .body("templateStatus", org.hamcrest.Matchers.equalTo("PAUSED"))
                .body("template", org.hamcrest.Matchers.equalTo("order_update"))
                .body("detail", org.hamcrest.Matchers.containsString("clients blocked it"));
        // The same template in another language, and one Meta never spoke of, are sent as named.
        String german = send(account, channel, Map.of("chatId", "+14155550192", "template", otherLanguage))
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, german, "SENT");
        assertThat(ProviderStub.sentKeys(cloudSendPath(channel))).containsExactly(german);

        metaSaysOfTemplate(account, channel, "order_update", "en_US", "REINSTATED", null);
        send(account, channel, Map.of("chatId", "+14155550193", "template", template))
                .statusCode(202);
    }

    @Test
    void aCloudApiChannelKeepsItsRate() {
        String account = account(Map.of("cloudApiRatePerSecond", 10));
        String channel = channel(account, ChannelStatus.ACTIVE, ChannelKind.CLOUD_API);
        List<String> phones =
                IntStream.range(0, 6).mapToObj(i -> "+1415555013" + i).toList();
        clientWrote(account, channel, phones.toArray(String[]::new));
        List<String> ids = phones.stream()
                .map(phone -> send(account, channel, phone, "hello")
                        .statusCode(202)
                        .extract()
                        .<String>path("id"))
                .toList();
        awaitState(account, ids.get(5), "SENT");
        assertThat(ProviderStub.sentKeys(cloudSendPath(channel))).containsExactlyElementsOf(ids);
        assertThat(gaps(ProviderStub.arrivals(cloudSendPath(channel))))
                .allSatisfy(gap -> assertThat(gap).isBetween(95L, 800L));
    }

    @Test
    void aCloudApiChannelSpacesMessagesToOneChatByThePairRateWhileItsOtherChatsGoOn() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING, ChannelKind.CLOUD_API);
        String busy = "+14155550140";
        clientWrote(account, channel, busy, "+14155550141", "+14155550142");
        List<String> toBusy = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String phone : List.of(busy, busy, busy, "+14155550141", "+14155550142")) {
            String id = send(account, channel, phone, "hello")
                    .statusCode(202)
                    .extract()
                    .path("id");
            all.add(id);
            if (phone.equals(busy)) {
                toBusy.add(id);
            }
        }
        publish(account, channel, ChannelStatus.ACTIVE, ChannelKind.CLOUD_API); // all of them wait to go at once
        all.forEach(id -> awaitState(account, id, "SENT"));

        Map<String, List<Instant>> arrivals = new java.util.HashMap<>();
        List<String> busyKeys = new ArrayList<>();
        ProviderStub.server()
                .findAll(postRequestedFor(urlPathEqualTo(cloudSendPath(channel))))
                .forEach(request -> {
                    var body = QueueApi.json(request.getBodyAsString());
                    String to = body.path("to").asText();
                    arrivals.computeIfAbsent(to, chat -> new ArrayList<>())
                            .add(request.getLoggedDate().toInstant());
                    if (to.equals(busy)) {
                        busyKeys.add(body.path("biz_opaque_callback_data").asText());
                    }
                });
        // The busy chat's messages in order, each at least the pair rate's gap (1 s here) after the one before...
        assertThat(busyKeys).containsExactlyElementsOf(toBusy);
        assertThat(gaps(arrivals.get(busy)))
                .hasSize(2)
                .allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(995L));
        // ...while the channel's other chats, written to after them, went out before the busy chat's second.
        assertThat(arrivals.get("+14155550141").get(0))
                .isBefore(arrivals.get(busy).get(1));
        assertThat(arrivals.get("+14155550142").get(0))
                .isBefore(arrivals.get(busy).get(1));

        // A channel left waiting for the busy chat's gap sends a new chat's message at once.
        String fourth = send(account, channel, busy, "one more")
                .statusCode(202)
                .extract()
                .path("id");
        String newChat = send(account, channel, "+14155550141", "and you")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, fourth, "SENT");
        awaitState(account, newChat, "SENT");
        assertThat(ProviderStub.sentKeys(cloudSendPath(channel))).containsSubsequence(newChat, fourth);
    }

    @Test
    void aNumberNearItsMessagingLimitWarnsAtItsLimitHoldsNewConversationsButNotRepliesAndSendsThemADayLater() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE, ChannelKind.CLOUD_API);
        CloudStanding tier50 = new CloudStanding(NumberQuality.GREEN, MessagingLimit.TIER_50, null, null, null);
        QueueApi.publish(account, channel, ChannelStatus.ACTIVE, ChannelKind.CLOUD_API, tier50);
        String client = "+14155550300";
        clientWrote(account, channel, client);
        Map<String, Object> template = Map.of("name", "order_update", "language", "en_US");
        java.util.function.IntFunction<String> campaign = i -> send(
                        account,
                        channel,
                        Map.of(
                                "chatId",
                                "+1415556" + String.format("%04d", i),
                                "template",
                                template,
                                "ttlSeconds",
                                172_800))
                .statusCode(202)
                .extract()
                .path("id");
        try (TopicRecorder topics = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_CHECK_REQUESTS)) {
            // 41 of 50 conversations begun: fewer than a fifth left, told once.
            List<String> first = IntStream.range(0, 41).mapToObj(campaign).toList();
            first.forEach(id -> awaitState(account, id, "SENT"));
            await().atMost(WAIT)
                    .until(() ->
                            topics.on(Topics.CHANNEL_CHECK_REQUESTS, channel).size() == 1);
            var near = QueueApi.json(
                    topics.on(Topics.CHANNEL_CHECK_REQUESTS, channel).get(0).value());
            assertThat(near.path("reason").asText()).isEqualTo("MESSAGING_LIMIT_NEAR");
            assertThat(near.path("observations").asInt()).isEqualTo(41);
            assertThat(near.path("detail").asText()).contains("9 left");

            // Eleven more: nine go, the last two wait with a reason; reaching the limit is told once.
            List<String> more = IntStream.range(41, 52).mapToObj(campaign).toList();
            more.subList(0, 9).forEach(id -> awaitState(account, id, "SENT"));
            for (String held : more.subList(9, 11)) {
                await().atMost(WAIT)
                        .untilAsserted(() -> message(account, held)
                                .body("state", org.hamcrest.Matchers.equalTo("QUEUED"))
                                .body(
                                        "reason",
                                        org.hamcrest.Matchers.containsString("messaging limit is reached (50")));
            }
            await().atMost(WAIT)
                    .until(() ->
                            topics.on(Topics.CHANNEL_CHECK_REQUESTS, channel).size() == 2);
            assertThat(QueueApi.json(topics.on(Topics.CHANNEL_CHECK_REQUESTS, channel)
                                    .get(1)
                                    .value())
                            .path("reason")
                            .asText())
                    .isEqualTo("MESSAGING_LIMIT_REACHED");

            // A reply to a client who wrote begins no conversation: it goes; so does a template to a chat the
            // number began a conversation with today.
            String reply = send(account, channel, client, "thanks for writing")
                    .statusCode(202)
                    .extract()
                    .path("id");
            String again = send(account, channel, Map.of("chatId", "+14155560000", "template", template))
                    .statusCode(202)
                    .extract()
                    .path("id");
            awaitState(account, reply, "SENT");
            awaitState(account, again, "SENT");
            message(account, more.get(9)).body("state", org.hamcrest.Matchers.equalTo("QUEUED"));
            assertThat(ProviderStub.sentKeys(cloudSendPath(channel)))
                    .hasSize(52)
                    .doesNotContain(more.get(9), more.get(10));

            // A day later the first conversations stop counting: the held ones go, in order, once each.
            MutableClock.shared().advance(Duration.ofHours(24).plusMinutes(1));
            awaitState(account, more.get(9), "SENT");
            awaitState(account, more.get(10), "SENT");
            assertThat(ProviderStub.sentKeys(cloudSendPath(channel)))
                    .hasSize(54)
                    .containsSubsequence(more.get(9), more.get(10));
            assertThat(topics.on(Topics.CHANNEL_CHECK_REQUESTS, channel)).hasSize(2);
        }
    }

    @Test
    void aCloudApiChannelSendsThroughTheCloudApiAndAnUndeliverableNumberEndsNoWhatsAppWithoutAContactCheck() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING, ChannelKind.CLOUD_API);
        clientWrote(account, channel, "+14155550177", "+14155550178");
        ProviderStub.server()
                .stubFor(
                        post(urlPathEqualTo(cloudSendPath(channel)))
                                .atPriority(1)
                                .withRequestBody(containing("+14155550178"))
                                .willReturn(
                                        aResponse()
                                                .withStatus(400)
                                                .withHeader("Content-Type", "application/json")
                                                .withBody(
                                                        "{\"error\":{\"message\":"
                                                                + "\"(#131026) Message undeliverable\",\"type\":\"OAuthException\",\"code\":131026}}")));
        String reached = send(account, channel, "+14155550177", "hello")
                .statusCode(202)
                .extract()
                .path("id");
        String undeliverable = send(account, channel, "+14155550178", "hello?")
                .statusCode(202)
                .extract()
                .path("id");
        String again = send(account, channel, "+14155550178", "anyone?")
                .statusCode(202)
                .extract()
                .path("id");
        String second = send(account, channel, "+14155550177", "second")
                .statusCode(202)
                .extract()
                .path("id");
        publish(account, channel, ChannelStatus.ACTIVE, ChannelKind.CLOUD_API);
        awaitState(account, second, "SENT");

        // the clients wrote first (a Cloud API number may send free text only then): chats they began
        message(account, reached)
                .body("providerMessageId", org.hamcrest.Matchers.equalTo(ProviderStub.providerId(reached)))
                .body("firstContact", org.hamcrest.Matchers.nullValue());
        message(account, second).body("firstContact", org.hamcrest.Matchers.nullValue());
        message(account, undeliverable)
                .body("state", org.hamcrest.Matchers.equalTo("FAILED"))
                .body("errorCode", org.hamcrest.Matchers.equalTo("NO_WHATSAPP_ACCOUNT"))
                .body("firstContact", org.hamcrest.Matchers.nullValue()); // a chat the client began
        message(account, again)
                .body("state", org.hamcrest.Matchers.equalTo("FAILED"))
                .body("errorCode", org.hamcrest.Matchers.equalTo("NO_WHATSAPP_ACCOUNT"));
        // Each message once; the undeliverable number's client wrote in (the only chats a Cloud API number may send
        // free text to), so its second message is tried too and refused alike; no contact check (the Cloud API has
        // none).
        // (each chat in order; the pair rate lets the chats' second messages go in either order)
        assertThat(ProviderStub.sentKeys(cloudSendPath(channel)))
                .containsExactlyInAnyOrder(reached, undeliverable, again, second)
                .containsSubsequence(reached, second)
                .containsSubsequence(undeliverable, again);
        ProviderStub.server()
                .verify(
                        0,
                        postRequestedFor(urlPathEqualTo("/v1/channels/" + QueueApi.providerId(channel) + "/contacts")));
        var body = QueueApi.json(ProviderStub.server()
                .findAll(postRequestedFor(urlPathEqualTo(cloudSendPath(channel))))
                .get(0)
                .getBodyAsString());
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("to").asText()).isEqualTo("+14155550177");
        assertThat(body.path("text").path("body").asText()).isEqualTo("hello");
        assertThat(ProviderStub.server()
                        .findAll(postRequestedFor(urlPathEqualTo(cloudSendPath(channel))))
                        .get(0)
                        .getHeader("Authorization"))
                .isEqualTo("Bearer local-provider-key");
    }

    @Test
    void aRateLimitIsRetriedAfterTheProvidersRetryAfter() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(channel)))
                        .inScenario("limit")
                        .whenScenarioStateIs(STARTED)
                        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                        .willSetStateTo("open"));
        String id = send(account, channel, "+14155550121", "limited")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, id, "SENT");
        List<Instant> arrivals = ProviderStub.arrivals(sendPath(channel));
        assertThat(arrivals).hasSize(2);
        assertThat(Duration.between(arrivals.get(0), arrivals.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        message(account, id)
                .body("attempts", org.hamcrest.Matchers.equalTo(2))
                .body(
                        "history.state",
                        org.hamcrest.Matchers.equalTo(
                                List.of("QUEUED", "DISPATCHING", "QUEUED", "DISPATCHING", "SENT")));
    }

    @Test
    void aProviderThatKeepsFailingEndsTheMessageFailedAfterTheLastAttemptAndTheNextOneGoes() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(channel)))
                        .withRequestBody(containing("doomed"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(503)));
        String doomed = send(account, channel, "+14155550122", "doomed")
                .statusCode(202)
                .extract()
                .path("id");
        String next = send(account, channel, "+14155550122", "next")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, next, "SENT");
        message(account, doomed)
                .body("state", org.hamcrest.Matchers.equalTo("FAILED"))
                .body("errorCode", org.hamcrest.Matchers.equalTo("PROVIDER_UNAVAILABLE"))
                .body("attempts", org.hamcrest.Matchers.equalTo(5));
        assertThat(ProviderStub.sentKeys(sendPath(channel)))
                .containsExactly(doomed, doomed, doomed, doomed, doomed, next);
    }

    @Test
    void rateLimitsAndReconnectsUseUpNoneOfTheRetryBudget() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        // Two rate limits, two 401s while the channel reconnects, then four errors: one short of the budget of five.
        int[] answers = {429, 429, 401, 401, 503, 503, 503, 503};
        for (int answer = 0; answer < answers.length; answer++) {
            ProviderStub.server()
                    .stubFor(post(urlPathEqualTo(sendPath(channel)))
                            .atPriority(1)
                            .inScenario("budget")
                            .whenScenarioStateIs(answer == 0 ? STARTED : "answer-" + answer)
                            .willReturn(aResponse().withStatus(answers[answer]))
                            .willSetStateTo("answer-" + (answer + 1)));
        }
        String id = send(account, channel, "+14155550123", "patient")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, id, "SENT");
        message(account, id).body("attempts", org.hamcrest.Matchers.equalTo(answers.length + 1));
        assertThat(ProviderStub.sentKeys(sendPath(channel)))
                .hasSize(answers.length + 1)
                .containsOnly(id);
    }

    @Test
    void aChatTheClientBeganNeedsNoContactCheckAndAnnouncesNoFirstContact() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        clientWrote(account, channel, "+14155550169");
        await().atMost(WAIT)
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> jdbc.first(
                                        "SELECT has_whatsapp FROM chat_contact WHERE account_id = ? AND chat_id = ?",
                                        p -> p.string(account).string("+14155550169"),
                                        row -> row.getBoolean(1))
                                .orElse(false)));

        String reply = send(account, channel, "+14155550169", "your order ships today")
                .statusCode(202)
                .extract()
                .path("id");
        String started = send(account, channel, "+14155550170", "a chat we begin")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, started, "SENT");
        message(account, reply)
                .body("state", org.hamcrest.Matchers.equalTo("SENT"))
                .body("firstContact", org.hamcrest.Matchers.nullValue());
        message(account, started).body("firstContact", org.hamcrest.Matchers.equalTo("WHATSAPP"));
        String contacts = "/v1/channels/" + QueueApi.providerId(channel) + "/contacts";
        ProviderStub.server()
                .verify(0, postRequestedFor(urlPathEqualTo(contacts)).withRequestBody(containing("+14155550169")));
        ProviderStub.server()
                .verify(1, postRequestedFor(urlPathEqualTo(contacts)).withRequestBody(containing("+14155550170")));
    }

    @Test
    void aPermanentRefusalFailsTheMessageWithTheProvidersCode() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(channel)))
                        .withRequestBody(containing("too long"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(400)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":{\"code\":1015,\"message\":\"text too long\"}}")));
        String refused = send(account, channel, "+14155550123", "too long")
                .statusCode(202)
                .extract()
                .path("id");
        String fine = send(account, channel, "+14155550123", "fine")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, fine, "SENT");
        message(account, refused)
                .body("state", org.hamcrest.Matchers.equalTo("FAILED"))
                .body("errorCode", org.hamcrest.Matchers.equalTo("1015"))
                .body("reason", org.hamcrest.Matchers.containsString("text too long"));
    }

    @Test
    void aProvidersErrorOfTenThousandCharactersIsCutToFitAndHoldsUpNoMessageOfAnyChannel() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        String otherAccount = "globex-" + UUID.randomUUID();
        String other = channel(otherAccount, ChannelStatus.ACTIVE);
        String words = "the provider says " + "e".repeat(10_000) + "\\u0000\\u001b[31m"; // JSON escapes: NUL, ESC
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(channel)))
                        .withRequestBody(containing("refused"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(400)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":{\"code\":\"" + "9".repeat(200) + "\",\"message\":\"" + words
                                        + "\"}}")));
        String refused = send(account, channel, "+14155550125", "refused")
                .statusCode(202)
                .extract()
                .path("id");
        String next = send(account, channel, "+14155550125", "next")
                .statusCode(202)
                .extract()
                .path("id");
        String elsewhere = send(otherAccount, other, "+14155550126", "elsewhere")
                .statusCode(202)
                .extract()
                .path("id");
        awaitState(account, next, "SENT");
        awaitState(otherAccount, elsewhere, "SENT");
        String reason = message(account, refused)
                .body("state", org.hamcrest.Matchers.equalTo("FAILED"))
                .extract()
                .path("reason");
        assertThat(reason)
                .startsWith("provider refused the message: the provider says eee")
                .hasSizeLessThanOrEqualTo(500)
                .doesNotContain("\u0000", "\u001b");
        assertThat(message(account, refused).extract().<String>path("errorCode"))
                .hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void aRunWhoseOutcomeTheDatabaseRefusesEndsUnknownOnceAndHoldsUpNoOtherChannel() {
        String account = "acme-" + UUID.randomUUID();
        String refused = channel(account, ChannelStatus.ACTIVE);
        String other = channel(account, ChannelStatus.ACTIVE);
        QuarkusTransaction.requiringNew()
                .run(() -> jdbc.update(
                        "ALTER TABLE outbound_message ADD CONSTRAINT " + "test_refuses CHECK (channel_id <> '" + refused
                                + "' OR state <> 'SENT')",
                        p -> {}));
        try {
            String lost = send(account, refused, "+14155550127", "sent, not recorded")
                    .statusCode(202)
                    .extract()
                    .path("id");
            String fine = send(account, other, "+14155550128", "recorded")
                    .statusCode(202)
                    .extract()
                    .path("id");
            awaitState(account, fine, "SENT");
            awaitState(account, lost, "UNKNOWN");
            message(account, lost)
                    .body("reason", org.hamcrest.Matchers.containsString("could not be recorded"))
                    .body("providerMessageId", org.hamcrest.Matchers.notNullValue());
            assertThat(ProviderStub.sentKeys(sendPath(refused)))
                    .as("sent once, never again")
                    .containsExactly(lost);
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> jdbc.update("ALTER TABLE outbound_message DROP CONSTRAINT test_refuses", p -> {}));
        }
    }

    @Test
    void aSlowProviderCallOnOneChannelHoldsUpNoOtherChannel() {
        String account = "acme-" + UUID.randomUUID();
        String slow = channel(account, ChannelStatus.ACTIVE);
        String fast = channel(account, ChannelStatus.ACTIVE);
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(slow)))
                        .atPriority(1)
                        .willReturn(ProviderStub.sentAfter(4000, "wamid-slow")));
        String waiting = send(account, slow, "+14155550124", "slow")
                .statusCode(202)
                .extract()
                .path("id");
        await().atMost(WAIT).until(() -> ProviderStub.sentKeys(sendPath(slow)).size() == 1);
        List<String> quick = sendAll(account, fast, 10);
        awaitState(account, quick.get(9), "SENT");
        assertThat(QueueApi.state(account, waiting)).isEqualTo("DISPATCHING");
        awaitState(account, waiting, "SENT");
    }

    @Test
    void aStopWrittenByAnotherReplicaEndsARunInFlightHereWithinItsHoldInterval() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(channel)))
                        .atPriority(2)
                        .willReturn(ProviderStub.sentAfter(300, "wamid-run")));
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(channel)))
                        .withRequestBody(containing("gate"))
                        .atPriority(1)
                        .willReturn(ProviderStub.sentAfter(1500, "wamid-gate")));
        send(account, channel, "+14155550161", "gate").statusCode(202);
        await().atMost(WAIT)
                .until(() -> ProviderStub.sentKeys(sendPath(channel)).size() == 1);
        List<String> run = IntStream.range(0, 11)
                .mapToObj(i -> send(account, channel, "+14155550161", "run " + i)
                        .statusCode(202)
                        .extract()
                        .<String>path("id"))
                .toList(); // one run takes them after the gate
        await().atMost(WAIT)
                .until(() -> ProviderStub.sentKeys(sendPath(channel)).size() >= 3);

        // Another replica's consumer applied the channel's stop: this replica's own stop set knows nothing of it.
        QuarkusTransaction.requiringNew().run(() -> jdbc.update("""
                UPDATE channel_lane SET status = 'QR_REQUIRED', send_policy = 'REJECT', required_action = 'SCAN_QR'
                WHERE channel_id = ?""", p -> p.string(channel)));
        int atStop = ProviderStub.sentKeys(sendPath(channel)).size();
        await().atMost(WAIT)
                .until(() -> run.stream().noneMatch(id -> "DISPATCHING".equals(QueueApi.state(account, id))));

        assertThat(ProviderStub.sentKeys(sendPath(channel)).size() - atStop)
                .as("sends after the stop")
                .isLessThanOrEqualTo(6);
        assertThat(run.stream()
                        .filter(id -> "QUEUED".equals(QueueApi.state(account, id)))
                        .count())
                .as("messages of the run left for when the channel can send")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void theFirstMessageToANewChatIsCheckedAndANumberWithoutWhatsAppFailsWithoutASend() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        String contacts = "/v1/channels/" + QueueApi.providerId(channel) + "/contacts";
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(contacts))
                        .atPriority(1)
                        .withRequestBody(containing("+14155550166"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"contacts\":[{\"input\":\"+14155550166\",\"status\":\"invalid\"}]}")));
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.MESSAGE_STATUS)) {
            String nobody = send(account, channel, "+14155550166", "hello?")
                    .statusCode(202)
                    .extract()
                    .path("id");
            awaitState(account, nobody, "FAILED");
            message(account, nobody)
                    .body("errorCode", org.hamcrest.Matchers.equalTo("NO_WHATSAPP_ACCOUNT"))
                    .body("firstContact", org.hamcrest.Matchers.equalTo("NO_WHATSAPP"));
            String again = send(account, channel, "+14155550166", "still?")
                    .statusCode(202)
                    .extract()
                    .path("id");
            awaitState(account, again, "FAILED");
            message(account, again)
                    .body("errorCode", org.hamcrest.Matchers.equalTo("NO_WHATSAPP_ACCOUNT"))
                    .body("firstContact", org.hamcrest.Matchers.nullValue());

            String someone = send(account, channel, "+14155550167", "hello")
                    .statusCode(202)
                    .extract()
                    .path("id");
            String second = send(account, channel, "+14155550167", "again")
                    .statusCode(202)
                    .extract()
                    .path("id");
            awaitState(account, second, "SENT");
            await().atMost(WAIT).until(() -> QueueApi.states(topics, someone).contains("SENT"));
            assertThat(topics.on(Topics.MESSAGE_STATUS, channel).stream()
                            .map(r -> QueueApi.json(r.value()))
                            .filter(event -> event.path("firstContact").isTextual())
                            .map(event -> event.path("messageId").asText() + " "
                                    + event.path("state").asText() + " "
                                    + event.path("firstContact").asText())
                            .toList())
                    .containsExactlyInAnyOrder(nobody + " FAILED NO_WHATSAPP", someone + " SENT WHATSAPP");
            assertThat(ProviderStub.sentKeys(sendPath(channel))).containsExactly(someone, second);
            // One check per chat.
            ProviderStub.server()
                    .verify(1, postRequestedFor(urlPathEqualTo(contacts)).withRequestBody(containing("+14155550166")));
            ProviderStub.server()
                    .verify(1, postRequestedFor(urlPathEqualTo(contacts)).withRequestBody(containing("+14155550167")));
        }
    }

    @Test
    void repeated401sOnAnActiveChannelKeepTheMessageFrozenAskChannelServiceForACheckAndItGoesOnceTheProviderAgrees() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        ProviderStub.sendsRefusedWith401(sendPath(channel));
        double alertsBefore = alerts();
        try (TopicRecorder topics = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_CHECK_REQUESTS)) {
            String id = send(account, channel, "+14155550125", "during a long flap")
                    .statusCode(202)
                    .extract()
                    .path("id");
            await().atMost(WAIT)
                    .until(() -> ProviderStub.sentKeys(sendPath(channel)).size() >= 5);
            await().atMost(WAIT)
                    .until(() ->
                            !topics.on(Topics.CHANNEL_CHECK_REQUESTS, channel).isEmpty());
            var request = QueueApi.json(
                    topics.on(Topics.CHANNEL_CHECK_REQUESTS, channel).get(0).value());
            assertThat(request.path("accountId").asText()).isEqualTo(account);
            assertThat(request.path("reason").asText()).isEqualTo("SENDS_UNAUTHORIZED");
            assertThat(request.path("believedStatus").asText()).isEqualTo("ACTIVE");
            assertThat(request.path("observations").asInt()).isEqualTo(5);
            assertThat(alerts()).isEqualTo(alertsBefore + 1);
            message(account, id).body("state", org.hamcrest.Matchers.isOneOf("FROZEN", "QUEUED", "DISPATCHING"));

            // More refusals in the same streak ask nothing more: one request per streak.
            int sends = ProviderStub.sentKeys(sendPath(channel)).size();
            await().atMost(WAIT)
                    .until(() -> ProviderStub.sentKeys(sendPath(channel)).size() >= sends + 1);
            ProviderStub.server().resetAll();
            ProviderStub.sendsSucceed();
            awaitState(account, id, "SENT");
            assertThat(topics.on(Topics.CHANNEL_CHECK_REQUESTS, channel)).hasSize(1);
            message(account, id)
                    .body(
                            "history.findAll { it.state == 'FROZEN' }.heldBy",
                            org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("ACTIVE")));
            // Every attempt carried the same idempotency key.
            assertThat(ProviderStub.sentKeys(sendPath(channel))).containsExactly(id);
        }
    }

    @Test
    void aChannelThatKeepsAnswering401TellsItsFirstTwoRefusalsNotEveryProbe() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        ProviderStub.sendsRefusedWith401(sendPath(channel));
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.MESSAGE_STATUS)) {
            String id = send(account, channel, "+14155550126", "through a long refusal")
                    .statusCode(202)
                    .extract()
                    .path("id");
            // Eight refusals: the first two are told (history and events), the six probes after them are not.
            await().atMost(WAIT)
                    .until(() -> ProviderStub.sentKeys(sendPath(channel)).size() >= 8);
            String[] told = {"QUEUED", "DISPATCHING", "FROZEN", "QUEUED", "DISPATCHING", "FROZEN"};
            message(account, id)
                    .body("history.state", org.hamcrest.Matchers.contains(told))
                    .body("attempts", org.hamcrest.Matchers.greaterThanOrEqualTo(8));
            await().atMost(WAIT).until(() -> statesOf(topics, channel, id).size() >= told.length);
            assertThat(statesOf(topics, channel, id)).containsExactly(told);

            ProviderStub.server().resetAll();
            ProviderStub.sendsSucceed();
            awaitState(account, id, "SENT");
            List<String> story = new ArrayList<>(List.of(told));
            story.add("SENT");
            message(account, id).body("history.state", org.hamcrest.Matchers.contains(story.toArray()));
            await().atMost(WAIT).until(() -> statesOf(topics, channel, id).contains("SENT"));
            assertThat(statesOf(topics, channel, id)).containsExactlyElementsOf(story);
        }
    }

    private static List<String> statesOf(TopicRecorder topics, String channel, String messageId) {
        return topics.on(Topics.MESSAGE_STATUS, channel).stream()
                .map(record -> QueueApi.json(record.value()))
                .filter(event -> event.path("messageId").asText().equals(messageId))
                .map(event -> event.path("state").asText())
                .toList();
    }

    @Test
    void aChannelLeasedByADispatcherThatDiedIsTakenOverAndItsMessagesSentAgainWithTheSameKeys() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING);
        List<String> ids = sendAll(account, channel, 3);
        // A replica claimed the first two and died: its lease runs out in a moment.
        String token = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            jdbc.update(
                    "UPDATE outbound_message SET state = 'DISPATCHING', dispatch_token = ? WHERE id = ANY (?)",
                    p -> p.string(token).strings(ids.subList(0, 2)));
            jdbc.update(
                    """
                    UPDATE channel_lane SET lease_owner = 'queue-dead', lease_token = ?, lease_until = ?
                    WHERE channel_id = ?""",
                    p -> p.string(token)
                            .instant(MutableClock.shared().instant().plusSeconds(2))
                            .string(channel));
        });
        publish(account, channel, ChannelStatus.ACTIVE);
        // Not before the lease ran out.
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> ProviderStub.sentKeys(sendPath(channel)).isEmpty());
        awaitState(account, ids.get(2), "SENT");
        assertThat(ProviderStub.sentKeys(sendPath(channel))).containsExactlyElementsOf(ids);
        message(account, ids.get(0))
                .body(
                        "history.reason",
                        org.hamcrest.Matchers.hasItem("dispatched again: the dispatcher that had it stopped"));

        // The dead replica's late answer changes nothing: its token is no longer the message's.
        List<String> moved = QuarkusTransaction.requiringNew()
                .call(() -> transitions.apply(List.of(
                        new Transition(
                                ids.get(0),
                                MessageState.DISPATCHING,
                                token,
                                MessageState.QUEUED,
                                "late",
                                null,
                                null,
                                null,
                                null,
                                Transition.Attempt.NONE,
                                null),
                        new Transition(
                                ids.get(1),
                                MessageState.SENT,
                                token,
                                MessageState.QUEUED,
                                "late",
                                null,
                                null,
                                null,
                                null,
                                Transition.Attempt.NONE,
                                null))));
        assertThat(moved).isEmpty();
        message(account, ids.get(0)).body("state", org.hamcrest.Matchers.equalTo("SENT"));
    }

    @Test
    void aMessageADeadDispatcherLeftOnAChannelThatStoppedSendingIsHeldAgainAndExpiresInItsTime() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING);
        String id = send(account, channel, Map.of("chatId", "+14155550131", "text", "orphan", "ttlSeconds", 60))
                .statusCode(202)
                .extract()
                .path("id");
        // A replica claimed it while the channel could send, and died; its lease is over, the channel still cannot
        // send.
        String token = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            jdbc.update(
                    "UPDATE outbound_message SET state = 'DISPATCHING', dispatch_token = ? WHERE id = ?",
                    p -> p.string(token).string(id));
            jdbc.update(
                    """
                    UPDATE channel_lane SET lease_owner = 'queue-dead', lease_token = ?, lease_until = ?
                    WHERE channel_id = ?""",
                    p -> p.string(token)
                            .instant(MutableClock.shared().instant().minusSeconds(1))
                            .string(channel));
        });

        sweeper.sweep();
        message(account, id)
                .body("state", org.hamcrest.Matchers.equalTo("FROZEN"))
                .body("heldBy", org.hamcrest.Matchers.equalTo("STARTING"));
        MutableClock.shared().advance(Duration.ofMinutes(2));
        sweeper.sweep();
        message(account, id).body("state", org.hamcrest.Matchers.equalTo("EXPIRED"));
        assertThat(ProviderStub.sentKeys(sendPath(channel))).isEmpty();
    }

    @Test
    void ordersOfManyChatsHoldAcrossAFreezeA401AndARelease() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.ACTIVE);
        ProviderStub.server()
                .stubFor(post(urlPathEqualTo(sendPath(channel)))
                        .inScenario("flap")
                        .whenScenarioStateIs(STARTED)
                        .atPriority(1)
                        .withRequestBody(containing("c3-1"))
                        .willReturn(aResponse().withStatus(401))
                        .willSetStateTo("back"));
        Map<String, List<String>> byChat = new LinkedHashMap<>();
        for (int round = 0; round < 4; round++) {
            if (round == 2) {
                publish(account, channel, ChannelStatus.PHONE_UNAVAILABLE);
            }
            for (int chat = 0; chat < 4; chat++) {
                String chatId = "+1415555013" + chat;
                byChat.computeIfAbsent(chatId, c -> new ArrayList<>())
                        .add(send(account, channel, chatId, "c" + chat + "-" + round)
                                .statusCode(202)
                                .extract()
                                .path("id"));
            }
        }
        publish(account, channel, ChannelStatus.ACTIVE);
        byChat.values().forEach(list -> awaitState(account, list.get(list.size() - 1), "SENT"));
        Map<String, List<String>> received = new LinkedHashMap<>();
        ProviderStub.server()
                .findAll(postRequestedFor(urlPathEqualTo(sendPath(channel))))
                .forEach(request -> {
                    String to =
                            QueueApi.json(request.getBodyAsString()).path("to").asText();
                    List<String> keys = received.computeIfAbsent(to, c -> new ArrayList<>());
                    String key = request.getHeader("Idempotency-Key");
                    if (!keys.contains(key)) {
                        keys.add(key);
                    }
                });
        assertThat(received).isEqualTo(byChat);
    }

    private static String account(Map<String, Integer> pacing) {
        String account = "acme-" + UUID.randomUUID();
        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(Map.of("pacing", pacing))
                .put("/v1/accounts/{id}/queue-settings", account)
                .then()
                .statusCode(200);
        return account;
    }

    /** The clients wrote to the channel (MESSAGE_RECEIVED on provider.events.v1); returns once the queue knows it. */
    private void clientWrote(String account, String channel, String... phones) {
        providerEvent(
                account,
                channel,
                ProviderEventType.MESSAGE_RECEIVED,
                "messages.post",
                java.util.Arrays.stream(phones)
                        .map(phone -> new ProviderEvent.InboundMessage(
                                "in-" + UUID.randomUUID(),
                                phone.substring(1) + "@s.whatsapp.net",
                                phone,
                                "text",
                                MutableClock.shared().instant()))
                        .toList(),
                null);
        await().atMost(WAIT)
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> jdbc.first(
                                                "SELECT count(*) FROM client_window WHERE channel_id = ?",
                                                p -> p.string(channel),
                                                row -> row.getLong(1))
                                        .orElse(0L)
                                >= phones.length));
    }

    /** Meta's {@code message_template_status_update}, as channel-service writes it; returns once the queue keeps it. */
    private void metaSaysOfTemplate(
            String account, String channel, String name, String language, String status, String reason) {
        providerEvent(
                account,
                channel,
                ProviderEventType.TEMPLATE_STATUS,
                "message_template_status_update." + status,
                null,
                new ProviderEvent.TemplateStatus(
                        name, language, status, ProviderEvent.TemplateStatus.sendable(status), reason));
        await().atMost(WAIT)
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> jdbc.first(
                                        "SELECT status FROM template_status WHERE channel_id = ? AND name = ?"
                                                + " AND language = ?",
                                        p -> p.string(channel).string(name).string(language),
                                        row -> row.getString(1))
                                .filter(status::equals)
                                .isPresent()));
    }

    /** An event of {@code provider.events.v1} with its typed part, as channel-service writes it. */
    private static void providerEvent(
            String account,
            String channel,
            ProviderEventType type,
            String name,
            List<ProviderEvent.InboundMessage> inbound,
            ProviderEvent.TemplateStatus template) {
        String eventId = UUID.randomUUID().toString();
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publish(
                    Topics.PROVIDER_EVENTS,
                    channel,
                    Streams.PROVIDER_EVENTS.type(),
                    new ProviderEvent(
                            eventId,
                            eventId,
                            channel,
                            account,
                            QueueApi.providerId(channel),
                            type,
                            name,
                            MutableClock.shared().instant(),
                            null,
                            null,
                            null,
                            "{}",
                            null,
                            inbound,
                            null,
                            null,
                            template));
        }
    }

    private static List<String> sendAll(String account, String channel, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> send(account, channel, "+14155550120", "m" + i)
                        .statusCode(202)
                        .extract()
                        .<String>path("id"))
                .toList();
    }

    private static List<Long> gaps(List<Instant> arrivals) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gaps.add(Duration.between(arrivals.get(i - 1), arrivals.get(i)).toMillis());
        }
        return gaps;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static double alerts() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("switchboard_queue_unauthorized_alerts_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
