package io.switchboard.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.createChannel;
import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.healthBody;
import static io.switchboard.channel.ChannelApi.status;
import static io.switchboard.channel.ChannelApi.webhook;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.channel.timer.TimerRunner;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timers under contention and faults: a timer and the event consumer on the same channel at the same moment never
 * deadlock and lose nothing (one lock order: the channel, then its timers); a timer whose provider call gets no answer
 * backs off without holding up the others.
 */
@QuarkusTest
@TestProfile(WatchdogTest.ShortThresholds.class)
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class TimerFaultsTest {

    private TopicRecorder topics;

    @Inject
    TimerRunner timers;

    @BeforeEach
    void record() {
        topics = TopicRecorder.recording(
                TestInfrastructure.get().kafkaBootstrapServers(),
                Topics.CHANNEL_STATUS,
                Topics.dlq(Topics.PROVIDER_EVENTS));
    }

    @AfterEach
    void stopRecording() {
        topics.close();
        ProviderStub.server().resetMappings();
        ProviderStub.stubChannels();
    }

    @Test
    void timersAndEventsOnTheSameChannelsAtTheSameMomentNeverDeadlock() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            String id = createChannel("locks");
            ids.add(id);
            secrets.add(webhookSecret(id));
            health(id, secrets.get(n), "AUTH", 1).statusCode(200);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ids.stream().allMatch(id -> "ACTIVE".equals(status("locks", id))));
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (ServiceDatabase database = ServiceDatabase.open()) {
            long deadlocksBefore = database.deadlocks();
            for (int round = 1; round <= 15; round++) {
                // Every channel has a timer due now (the phone overdue) while its events arrive: the event consumer
                // sets and cancels the same channel's timers (LAUNCH: stuck; AUTH: phone overdue) as they fire. The
                // test sets them in the service's lock order too (channels by id, then their timers): the previous
                // round's last events may still be applied in a batch that holds several channels.
                database.update("""
                        WITH locked AS (SELECT id FROM channel WHERE id = ANY (?) ORDER BY id FOR UPDATE)
                        INSERT INTO channel_timer (channel_id, kind, due_at, attempt, generation)
                        SELECT id, 'PHONE_OVERDUE', now(), 1, ? FROM locked ORDER BY id
                        ON CONFLICT (channel_id, kind) DO UPDATE SET due_at = now(), generation = EXCLUDED.generation""", ids.toArray(String[]::new), (long) round);
                long uptime = 10L * round;
                AtomicBoolean sending = new AtomicBoolean(true);
                Future<?> firing = threads.submit(() -> {
                    while (sending.get() | timers.fireDue() > 0) {
                        // fire whatever is due, again and again, while the events come in
                    }
                    return null;
                });
                List<Future<?>> senders = new ArrayList<>();
                for (int half = 0; half < 2; half++) {
                    int first = half * ids.size() / 2;
                    senders.add(threads.submit(() -> {
                        for (int n = first; n < first + ids.size() / 2; n++) {
                            webhook(ids.get(n), secrets.get(n), healthBody("LAUNCH", uptime))
                                    .statusCode(200);
                            webhook(ids.get(n), secrets.get(n), healthBody("AUTH", uptime + 1))
                                    .statusCode(200);
                        }
                        return null;
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get();
                }
                sending.set(false);
                firing.get();
            }
            // Nothing lost: every channel applied its last AUTH; no timer left behind; PostgreSQL broke no deadlock.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String id : ids) {
                    assertThat(statusChanges(id)).as("status changes of %s", id).hasSize(2 + 2 * 15);
                }
            });
            ids.forEach(id -> assertThat(status("locks", id)).isEqualTo("ACTIVE"));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(database.number(
                                    "SELECT count(*) FROM channel_timer WHERE channel_id = ANY (?) AND kind IN ('PHONE_OVERDUE', 'STUCK')",
                                    (Object) ids.toArray(String[]::new)))
                            .isZero());
            assertThat(database.deadlocks()).as("deadlocks detected").isEqualTo(deadlocksBefore);
            assertThat(topics.on(Topics.dlq(Topics.PROVIDER_EVENTS)).stream().filter(r -> ids.contains(r.key())))
                    .isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aTimerThatKeepsFailingForAReasonThatDoesNotPassIsGivenUpAndTheOthersFire() {
        String refused = createChannel("given-up"); // STARTING: its stuck timer fires in 3 s
        String other = createChannel("given-up");
        try (ServiceDatabase database = ServiceDatabase.open()) {
            // The database refuses the stuck mark of one channel: its timer's transaction fails every time.
            database.update(
                    "ALTER TABLE channel ADD CONSTRAINT test_never_stuck CHECK (id <> '" + refused + "' OR NOT stuck)");
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> database.number(
                                        "SELECT count(*) FROM channel_timer WHERE channel_id = ? AND kind = 'STUCK'",
                                        refused)
                                == 0);
                await().atMost(Duration.ofSeconds(20)).until(() -> stuck(other));
                assertThat(stuck(refused)).isFalse();
            } finally {
                database.update("ALTER TABLE channel DROP CONSTRAINT test_never_stuck");
            }
        }
    }

    private static boolean stuck(String id) {
        return given().auth()
                .oauth2(ChannelApi.token("given-up"))
                .get("/v1/channels/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .<Boolean>path("stuck");
    }

    @Test
    void aTimerWhoseProviderDoesNotAnswerBacksOffAndTheOthersFireOnTime() throws Exception {
        // Three channels in a conflict whose take-over the provider cannot be reached for (the oldest timers) ...
        List<String> unreachable = new ArrayList<>();
        try (ServiceDatabase database = ServiceDatabase.open()) {
            for (int n = 0; n < 3; n++) {
                String id = createChannel("timers");
                String session = "SIM-DOWN-" + n + "-" + id.substring(0, 8);
                health(id, webhookSecret(id), "AUTH", 1).statusCode(200);
                await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("timers", id)));
                database.update("UPDATE channel SET provider_channel_id = ? WHERE id = ?", session, id);
                ProviderStub.server()
                        .stubFor(post(urlEqualTo("/partner/v1/channels/" + session + "/takeover"))
                                .atPriority(1)
                                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
                unreachable.add(id);
            }
            for (String id : unreachable) {
                webhook(id, webhookSecret(id), ChannelApi.conflictBody()).statusCode(200);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> takeOverCalls() >= 3);

            // ... and five channels whose QR codes expire two seconds from now, after those timers were due.
            List<String> expiring = new ArrayList<>();
            Instant expiry = Instant.now().plusSeconds(2);
            for (int n = 0; n < 5; n++) {
                String id = createChannel("timers");
                String secret = webhookSecret(id);
                health(id, secret, "QR", 2).statusCode(200);
                webhook(
                                id,
                                secret,
                                "{\"qr\":{\"base64\":\"iVBORw0KGgo=\",\"expire\":" + expiry.getEpochSecond() + "},"
                                        + "\"event\":{\"type\":\"channel\",\"event\":\"patch\"},\"channel_id\":\"SIM-TEST01\"}")
                        .statusCode(200);
                expiring.add(id);
            }
            // Each expiry is announced within two ticks of being due, though the take-overs keep failing meanwhile.
            await().atMost(Duration.ofSeconds(20)).until(() -> expiring.stream().allMatch(this::qrExpiredAnnounced));
            for (String id : expiring) {
                Instant announced = announcedAt(id);
                assertThat(Duration.between(Instant.ofEpochSecond(expiry.getEpochSecond()), announced))
                        .as("QR expiry of %s announced after it was due", id)
                        .isLessThan(Duration.ofSeconds(3));
            }
            // The failing timers backed off (no attempt was used up: the provider never answered) ...
            for (String id : unreachable) {
                assertThat(database.number(
                                "SELECT failures FROM channel_timer WHERE channel_id = ? AND kind = 'TAKEOVER'", id))
                        .as("failures of the take-over timer of %s", id)
                        .isPositive();
                assertThat(database.text(
                                "SELECT last_error FROM channel_timer WHERE channel_id = ? AND kind = 'TAKEOVER'", id))
                        .contains("takeover");
                assertThat(database.number(
                                "SELECT attempt FROM channel_timer WHERE channel_id = ? AND kind = 'TAKEOVER'", id))
                        .isEqualTo(1);
                assertThat(status("timers", id)).isEqualTo("STARTING");
            }
            // ... and go through once the provider answers again.
            ProviderStub.server().resetMappings();
            ProviderStub.stubChannels();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(database.number(
                                    "SELECT count(*) FROM channel_timer WHERE channel_id = ANY (?) AND kind = 'TAKEOVER'",
                                    (Object) unreachable.toArray(String[]::new)))
                            .isZero());
            for (String id : unreachable) {
                String session = database.text("SELECT provider_channel_id FROM channel WHERE id = ?", id);
                assertThat(ProviderStub.server()
                                .findAll(postRequestedFor(urlEqualTo("/partner/v1/channels/" + session + "/takeover"))))
                        .hasSizeGreaterThan(1);
            }
        }
    }

    private static long takeOverCalls() {
        return ProviderStub.server()
                .findAll(postRequestedFor(urlMatching("/partner/v1/channels/SIM-DOWN-.*/takeover")))
                .size();
    }

    private boolean qrExpiredAnnounced(String id) {
        return events(id).stream().anyMatch(e -> e.path("detail").asText().startsWith("QR expired"));
    }

    private Instant announcedAt(String id) {
        return events(id).stream()
                .filter(e -> e.path("detail").asText().startsWith("QR expired"))
                .map(e -> Instant.parse(e.path("occurredAt").asText()))
                .findFirst()
                .orElseThrow();
    }

    private List<String> statusChanges(String id) {
        return StatusEvents.changes(topics, id);
    }

    private List<JsonNode> events(String id) {
        return StatusEvents.of(topics, id);
    }
}
