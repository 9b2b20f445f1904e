package io.switchboard.queue;

import static io.restassured.RestAssured.given;
import static io.switchboard.queue.QueueApi.PROBLEM;
import static io.switchboard.queue.QueueApi.WAIT;
import static io.switchboard.queue.QueueApi.batch;
import static io.switchboard.queue.QueueApi.channel;
import static io.switchboard.queue.QueueApi.send;
import static io.switchboard.queue.QueueApi.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.queue.sql.Jdbc;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Accepting messages: idempotency keys, the batch form, time-to-live, and an account's own send policy. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class AcceptTest {

    @jakarta.inject.Inject
    Jdbc jdbc;

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstMessageAndAnotherBodyIsAConflict() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING);
        String key = "order-4711-confirmation";
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.MESSAGE_STATUS)) {
            String first = send(
                            account,
                            channel,
                            Map.of("chatId", "+14155550199", "text", "Your order shipped", "idempotencyKey", key))
                    .statusCode(202)
                    .extract()
                    .path("id");
            send(
                            account,
                            channel,
                            Map.of("chatId", "+14155550199", "text", "Your order shipped", "idempotencyKey", key))
                    .statusCode(202)
                    .header("Idempotent-Replayed", "true")
                    .body("id", equalTo(first))
                    .body("state", equalTo("FROZEN"))
                    .body("idempotencyKey", equalTo(key));
            send(account, channel, Map.of("chatId", "+14155550199", "text", "Another text", "idempotencyKey", key))
                    .statusCode(409)
                    .contentType(PROBLEM)
                    .body("type", containsString("idempotency-key-reused"))
                    .body("idempotencyKey", equalTo(key));
            // The key belongs to the account: another channel of it cannot reuse it either.
            String other = channel(account, ChannelStatus.STARTING);
            send(account, other, Map.of("chatId", "+14155550199", "text", "Your order shipped", "idempotencyKey", key))
                    .statusCode(409)
                    .contentType(PROBLEM);
            // Another account's key is its own.
            String globex = "globex-" + UUID.randomUUID();
            String theirs = send(
                            globex,
                            channel(globex, ChannelStatus.STARTING),
                            Map.of("chatId", "+14155550199", "text", "Your order shipped", "idempotencyKey", key))
                    .statusCode(202)
                    .extract()
                    .path("id");
            assertThat(theirs).isNotEqualTo(first);

            // Once the channel can send, the message goes once, and the repeat still answers it.
            QueueApi.publish(account, channel, ChannelStatus.ACTIVE);
            QueueApi.awaitState(account, first, "SENT");
            assertThat(ProviderStub.sentKeys(QueueApi.sendPath(channel))).containsExactly(first);
            send(
                            account,
                            channel,
                            Map.of("chatId", "+14155550199", "text", "Your order shipped", "idempotencyKey", key))
                    .statusCode(202)
                    .body("id", equalTo(first))
                    .body("state", equalTo("SENT"));
            await().atMost(QueueApi.WAIT)
                    .until(() -> QueueApi.states(topics, first).contains("SENT"));
            assertThat(QueueApi.states(topics, first)).containsExactly("FROZEN", "QUEUED", "DISPATCHING", "SENT");
        }
    }

    @Test
    void aBatchIsAcceptedInOneTransactionInItsOrderWithAResultPerMessage() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.PHONE_UNAVAILABLE);
        String earlier = send(
                        account, channel, Map.of("chatId", "+14155550100", "text", "earlier", "idempotencyKey", "k-0"))
                .statusCode(202)
                .extract()
                .path("id");
        List<Map<String, ?>> messages = new ArrayList<>();
        messages.add(Map.of("chatId", "+14155550101", "text", "one"));
        messages.add(Map.of("chatId", "12345", "text", "bad number"));
        messages.add(Map.of("chatId", "+14155550100", "text", "earlier", "idempotencyKey", "k-0"));
        messages.add(Map.of("chatId", "+14155550102", "text", "two", "idempotencyKey", "k-1"));
        messages.add(Map.of("chatId", "+14155550102", "text", "", "idempotencyKey", "k-2"));
        messages.add(Map.of("chatId", "+14155550102", "text", "two", "idempotencyKey", "k-1"));
        messages.add(Map.of("chatId", "+14155550103", "text", "three", "ttlSeconds", 600));

        var response = batch(account, channel, messages)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("accepted", equalTo(5))
                .body("refused", equalTo(2))
                .body("results.index", equalTo(List.of(0, 1, 2, 3, 4, 5, 6)))
                .body("results.status", equalTo(List.of(202, 400, 202, 202, 400, 202, 202)))
                .body("results[1].problem.field", equalTo("chatId"))
                .body("results[4].problem.violations.field", hasItem("text"))
                .body("results[2].repeated", equalTo(true))
                .body("results[2].message.id", equalTo(earlier))
                .body("results[5].repeated", equalTo(true))
                .body("results[0].message.state", equalTo("FROZEN"))
                .body("results[0].message.reason", equalTo("channel PHONE_UNAVAILABLE"))
                .body("results[6].message.expiresAt", notNullValue());
        List<String> ids = response.extract().path("results.collect { it.message?.id }");
        String one = ids.get(0);
        String two = ids.get(3);
        String three = ids.get(6);
        assertThat(ids.get(5)).isEqualTo(two);

        QueueApi.publish(account, channel, ChannelStatus.ACTIVE);
        QueueApi.awaitState(account, three, "SENT");
        assertThat(ProviderStub.sentKeys(QueueApi.sendPath(channel))).containsExactly(earlier, one, two, three);
    }

    @Test
    void aBadItemOfABatchIsRefusedAloneAndTheOthersAreAccepted() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.PHONE_UNAVAILABLE);
        String body = """
                {"messages":[
                  {"chatId":"+14155550111","text":"first"},
                  {"chatId":"+14155550111","text":"a\\u0000b"},
                  {"chatId":"+14155550111","text":12345},
                  null,
                  {"chatId":"+14155550111","text":"x","ttlSeconds":1.5},
                  {"chatId":"+14155550111","text":"x","unexpected":true},
                  "not an object",
                  {"chatId":"+14155550111","text":"last"}]}""";
        given().urlEncodingEnabled(false)
                .auth()
                .oauth2(QueueApi.token(account))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/channels/" + channel + "/messages:batch")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("refused", equalTo(6))
                .body("results.status", equalTo(List.of(202, 400, 400, 400, 400, 400, 400, 202)))
                .body("results[1].problem.detail", containsString("messages[1].text"))
                .body("results[1].problem.detail", containsString("control character"))
                .body("results[2].problem.detail", containsString("messages[2].text"))
                .body("results[4].problem.detail", containsString("messages[4].ttlSeconds"))
                .body("results[5].problem.detail", containsString("messages[5].unexpected"));
        QueueApi.queue(account, channel).body("held", equalTo(2));
    }

    @Test
    void aBatchThatIsTooLargeOrForAChannelThatCannotSendIsRefused() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.QR_REQUIRED);
        List<Map<String, ?>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("chatId", "+14155550101", "text", "m" + i));
        }
        batch(account, channel, tooMany)
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("messages"));
        batch(account, channel, List.of()).statusCode(400).contentType(PROBLEM);
        batch(account, channel, List.of(Map.of("chatId", "+14155550101", "text", "hi")))
                .statusCode(200)
                .body("results[0].status", equalTo(409))
                .body("results[0].problem.channelStatus", equalTo("QR_REQUIRED"))
                .body("results[0].problem.requiredAction", equalTo("SCAN_QR"));
        batch("globex-" + UUID.randomUUID(), channel, List.of(Map.of("chatId", "+14155550101", "text", "hi")))
                .statusCode(404)
                .contentType(PROBLEM);
        batch(account, channel, List.of(Map.of("chatId", "nope", "text", "hi")))
                .statusCode(200)
                .body("results[0].status", equalTo(400));
        batch("globex-" + UUID.randomUUID(), channel, List.of(Map.of("chatId", "nope", "text", "hi")))
                .statusCode(404);
        QueueApi.queue(account, channel).body("held", equalTo(0));
    }

    @Test
    void timeToLiveAndUnknownFieldsAreChecked() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING);
        send(account, channel, Map.of("chatId", "+14155550101", "text", "hi", "ttlSeconds", 0))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("ttlSeconds"));
        send(account, channel, Map.of("chatId", "+14155550101", "text", "hi", "ttlSeconds", 31L * 24 * 3600))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("ttlSeconds"));
        send(account, channel, Map.of("chatId", "+14155550101", "text", "hi", "ttl", 60))
                .statusCode(400)
                .contentType(PROBLEM);
        send(account, channel, Map.of("chatId", "+14155550101", "text", "hi", "idempotencyKey", "has space"))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("idempotencyKey"));
        var accepted = send(account, channel, Map.of("chatId", "+14155550101", "text", "hi", "ttlSeconds", 3600))
                .statusCode(202)
                .extract();
        assertThat(java.time.Duration.between(
                        java.time.Instant.parse(accepted.path("createdAt")),
                        java.time.Instant.parse(accepted.path("expiresAt"))))
                .isEqualTo(java.time.Duration.ofHours(1));
        QueueApi.queue(account, channel).body("held", equalTo(1));
    }

    @Test
    void anAccountOverridesTheSendPolicyOfAStatusWhoseDefaultIsQueueOrReject() {
        String account = "acme-" + UUID.randomUUID();
        String starting = channel(account, ChannelStatus.STARTING);
        String qr = channel(account, ChannelStatus.QR_REQUIRED);

        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(Map.of("overrides", Map.of("STARTING", "REJECT", "QR_REQUIRED", "QUEUE")))
                .put("/v1/accounts/{id}/send-policy", account)
                .then()
                .statusCode(200)
                .body("overrides.STARTING", equalTo("REJECT"))
                .body("statuses.find { it.status == 'QR_REQUIRED' }.policy", equalTo("QUEUE"))
                .body("statuses.find { it.status == 'QR_REQUIRED' }.defaultPolicy", equalTo("REJECT"))
                .body("statuses.find { it.status == 'ACTIVE' }.overridable", equalTo(false));

        send(account, starting, "+14155550101", "now refused")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("channelStatus", equalTo("STARTING"));
        send(account, qr, "+14155550101", "now held")
                .statusCode(202)
                .body("state", equalTo("FROZEN"))
                .body("heldBy", equalTo("QR_REQUIRED"));
        QueueApi.queue(account, qr).body("sendPolicy", equalTo("QUEUE"));

        for (Map<String, String> wrong : List.of(
                Map.of("ACTIVE", "REJECT"),
                Map.of("DELETED", "QUEUE"),
                Map.of("STARTING", "SEND"),
                Map.of("SLEEPING", "QUEUE"))) {
            given().auth()
                    .oauth2(token(account))
                    .contentType(ContentType.JSON)
                    .body(Map.of("overrides", wrong))
                    .put("/v1/accounts/{id}/send-policy", account)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM);
        }
        // Another account's administrator sees nothing; an operator may.
        String other = "globex-" + UUID.randomUUID();
        given().auth()
                .oauth2(token(other))
                .get("/v1/accounts/{id}/send-policy", account)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(token(other))
                .contentType(ContentType.JSON)
                .body(Map.of("overrides", Map.of()))
                .put("/v1/accounts/{id}/send-policy", account)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(QueueApi.opsToken())
                .get("/v1/accounts/{id}/send-policy", account)
                .then()
                .statusCode(200)
                .body("overrides.STARTING", equalTo("REJECT"));

        // Back to the defaults.
        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(Map.of("overrides", Map.of()))
                .put("/v1/accounts/{id}/send-policy", account)
                .then()
                .statusCode(200);
        send(account, starting, "+14155550101", "held again").statusCode(202).body("state", equalTo("FROZEN"));
    }

    @Test
    void queueSettingsAreValidatedAndShownWithWhatApplies() {
        String account = "acme-" + UUID.randomUUID();
        given().auth()
                .oauth2(token(account))
                .get("/v1/accounts/{id}/queue-settings", account)
                .then()
                .statusCode(200)
                .body("own.releaseMode", org.hamcrest.Matchers.nullValue())
                .body("effective.releaseMode", equalTo("AUTO"))
                .body("effective.defaultTtlSeconds", equalTo(86400));
        Map<String, Object> settings = new HashMap<>();
        settings.put("releaseMode", "HOLD");
        settings.put("defaultTtlSeconds", 7200);
        settings.put(
                "pacing",
                Map.of(
                        "minGapMillis",
                        700,
                        "backlogGapMinMillis",
                        1500,
                        "backlogGapMaxMillis",
                        2500,
                        "cloudApiRatePerSecond",
                        40));
        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(settings)
                .put("/v1/accounts/{id}/queue-settings", account)
                .then()
                .statusCode(200)
                .body("effective.releaseMode", equalTo("HOLD"))
                .body("effective.pacing.minGapMillis", equalTo(700))
                .body("own.pacing.cloudApiRatePerSecond", equalTo(40));
        String channel = channel(account, ChannelStatus.STARTING);
        var accepted =
                send(account, channel, "+14155550101", "hi").statusCode(202).extract();
        assertThat(java.time.Duration.between(
                        java.time.Instant.parse(accepted.path("createdAt")),
                        java.time.Instant.parse(accepted.path("expiresAt"))))
                .isEqualTo(java.time.Duration.ofHours(2));

        for (Object wrong : List.of(
                Map.of("releaseMode", "SOMETIMES"),
                Map.of("defaultTtlSeconds", 0),
                Map.of("pacing", Map.of("backlogGapMinMillis", 3000, "backlogGapMaxMillis", 1000)),
                Map.of("pacing", Map.of("minGapMillis", -1)),
                Map.of("releaseMod", "HOLD"),
                Map.of("defaultTtlSeconds", "a day"))) {
            given().auth()
                    .oauth2(token(account))
                    .contentType(ContentType.JSON)
                    .body(wrong)
                    .put("/v1/accounts/{id}/queue-settings", account)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM);
        }
        given().auth()
                .oauth2(token(account))
                .get("/v1/accounts/{id}/queue-settings", account)
                .then()
                .body("effective.releaseMode", equalTo("HOLD"));
        given().auth()
                .oauth2(token("globex-" + UUID.randomUUID()))
                .get("/v1/accounts/{id}/queue-settings", account)
                .then()
                .statusCode(404);
    }

    @Test
    void concurrentRequestsShareCommitsYetEachIsAnsweredAsIfAlone() throws Exception {
        String account = "acme-" + UUID.randomUUID();
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            channels.add(channel(account, ChannelStatus.PHONE_UNAVAILABLE));
        }
        String globex = "globex-" + UUID.randomUUID();
        String theirs = channel(globex, ChannelStatus.PHONE_UNAVAILABLE);
        double groupedBefore =
                java.util.Objects.requireNonNullElse(QueueApi.metric("switchboard_queue_accept_group_size_sum"), 0.0);
        int threads = 16;
        int perThread = 15;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<List<String>>> answers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            answers.add(pool.submit(() -> {
                // Each thread writes to its own chat of one channel, and also tries another account's channel and a
                // key every thread repeats.
                List<String> ids = new ArrayList<>();
                String channel = channels.get(thread % channels.size());
                String chat = "+1415555" + String.format("%04d", thread);
                for (int n = 0; n < perThread; n++) {
                    ids.add(send(account, channel, chat, "message " + n)
                            .statusCode(202)
                            .extract()
                            .path("id"));
                }
                send(account, theirs, chat, "not yours").statusCode(404).contentType(PROBLEM);
                ids.add(send(
                                account,
                                channels.get(0),
                                Map.of("chatId", "+14155559999", "text", "once", "idempotencyKey", "shared-key"))
                        .statusCode(202)
                        .extract()
                        .path("id"));
                return ids;
            }));
        }
        List<String> sharedIds = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<String> ids = answers.get(t).get(60, java.util.concurrent.TimeUnit.SECONDS);
            sharedIds.add(ids.get(perThread));
            String channel = channels.get(t % channels.size());
            String chat = "+1415555" + String.format("%04d", t);
            // Stored in the order each chat sent them.
            List<String> texts = given().auth()
                    .oauth2(token(account))
                    .queryParam("chatId", chat)
                    .queryParam("size", 100)
                    .get("/v1/channels/{id}/messages", channel)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.text");
            List<String> expected = new ArrayList<>();
            for (int n = 0; n < perThread; n++) {
                expected.add("message " + n);
            }
            assertThat(texts).containsExactlyElementsOf(expected);
            assertThat(given().auth()
                            .oauth2(token(account))
                            .queryParam("chatId", chat)
                            .queryParam("size", 100)
                            .get("/v1/channels/{id}/messages", channel)
                            .then()
                            .extract()
                            .<List<String>>path("items.id"))
                    .containsExactlyElementsOf(ids.subList(0, perThread));
        }
        pool.shutdown();
        assertThat(sharedIds)
                .as("one message for the key every thread repeated")
                .hasSize(threads)
                .containsOnly(sharedIds.get(0));
        QueueApi.queue(account, channels.get(0)).body("held", equalTo(4 * perThread + 1));
        QueueApi.queue(globex, theirs).body("held", equalTo(0));
        assertThat(QueueApi.metric("switchboard_queue_accept_group_size_sum") - groupedBefore)
                .as("every single-message request went through a group commit")
                .isEqualTo(threads * (perThread + 2));
    }

    @Test
    void aRequestAnsweredUnavailableBecauseNoWriterWasFreeIsNeverStoredLater() throws Exception {
        String account = "acme-" + UUID.randomUUID();
        String busy = channel(account, ChannelStatus.ACTIVE);
        String other = channel(account, ChannelStatus.ACTIVE);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // This test holds the busy channel's row: each writer that takes a request for it waits.
            CountDownLatch held = new CountDownLatch(1);
            pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                jdbc.query(
                        "SELECT channel_id FROM channel_lane WHERE channel_id = ? FOR UPDATE",
                        p -> p.string(busy),
                        row -> row.getString(1));
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            held.await();
            List<Future<Integer>> blocked = new ArrayList<>();
            for (int writer = 1; writer <= 2; writer++) { // every writer (switchboard.accept.writers) is busy
                String text = "busy " + writer;
                blocked.add(pool.submit(() ->
                        send(account, busy, "+14155550151", text).extract().statusCode()));
                int waiters = writer;
                await().atMost(WAIT).until(() -> lockWaiters() >= waiters);
            }

            send(account, other, "+14155550152", "late")
                    .statusCode(503)
                    .contentType(PROBLEM)
                    .body("detail", containsString("Nothing was stored"));
            release.countDown();
            for (Future<Integer> request : blocked) {
                assertThat(request.get(1, TimeUnit.MINUTES)).isEqualTo(202);
            }
        } finally {
            release.countDown();
            pool.shutdown();
        }
        // The writers are free again; what its caller gave up on is not among what they stored.
        String after = send(account, other, "+14155550152", "after")
                .statusCode(202)
                .extract()
                .path("id");
        assertThat(given().auth()
                        .oauth2(token(account))
                        .get("/v1/channels/{id}/messages?size=100", other)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("items.id"))
                .containsExactly(after);
    }

    private long lockWaiters() {
        return QuarkusTransaction.requiringNew()
                .call(() -> jdbc.query(
                                "SELECT count(*) AS n FROM pg_locks WHERE NOT granted",
                                p -> {},
                                row -> row.getLong("n"))
                        .get(0));
    }
}
