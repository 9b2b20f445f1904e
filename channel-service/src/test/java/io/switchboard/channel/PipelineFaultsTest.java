package io.switchboard.channel;

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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.platform.events.DeadLetters;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event pipeline under faults, against the real broker and database: connections killed and the database away
 * in the middle of a burst of webhooks lose nothing, apply nothing twice and publish nothing twice; a record that can
 * never be applied goes to the dead-letter topic and the consumer carries on.
 */
@QuarkusTest
@TestProfile(WatchdogTest.ShortThresholds.class)
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class PipelineFaultsTest {

    private static final int CHANNELS = 50;
    private static final int WEBHOOKS_PER_CHANNEL = 20;
    private TopicRecorder topics;

    @jakarta.inject.Inject
    io.switchboard.platform.events.ProcessedEventsPruner pruner;

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
    }

    @Test
    void killedConnectionsAndTheDatabaseAwayDuringABurstLoseNothingAndPublishNothingTwice() throws Exception {
        List<String> ids = new ArrayList<>();
        Map<String, String> secrets = new ConcurrentHashMap<>();
        for (int n = 0; n < CHANNELS; n++) {
            String id = createChannel("faults");
            ids.add(id);
            secrets.put(id, webhookSecret(id));
        }
        long retriesBefore = metric("switchboard_consumer_retries_total", "consumer=\"provider-events\"");
        AtomicBoolean bursting = new AtomicBoolean(true);
        AtomicBoolean failingSeen = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try (ServiceDatabase database = ServiceDatabase.open()) {
            Future<?> faults = threads.submit(() -> {
                int round = 0;
                while (bursting.get()) {
                    database.terminateOtherSessions();
                    if (++round == 5) {
                        // The database away for a few seconds: sessions killed and new ones refused.
                        database.allowConnections(false);
                        try {
                            database.terminateOtherSessions();
                            await().atMost(Duration.ofSeconds(10))
                                    .pollInterval(Duration.ofMillis(200))
                                    .until(PipelineFaultsTest::consumerReportedFailing);
                            failingSeen.set(true);
                        } finally {
                            database.allowConnections(true);
                        }
                    }
                    pause(150);
                }
                return null;
            });
            List<Future<?>> senders = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                List<String> mine = ids.subList(thread * CHANNELS / 4, (thread + 1) * CHANNELS / 4);
                senders.add(threads.submit(() -> {
                    for (int n = 1; n <= WEBHOOKS_PER_CHANNEL; n++) {
                        for (String id : mine) {
                            deliver(id, secrets.get(id), n % 2 == 0 ? "AUTH" : "LAUNCH", 100 + n);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
            bursting.set(false);
            faults.get();
        } finally {
            threads.shutdownNow();
        }

        // Every webhook applied once and in order: each channel went STARTING, then ACTIVE and STARTING in turn (LAUNCH
        // on STARTING changes nothing), and ends ACTIVE with the last AUTH.
        List<String> expected = new ArrayList<>(List.of("STARTING"));
        for (int n = 2; n <= WEBHOOKS_PER_CHANNEL; n++) {
            expected.add(n % 2 == 0 ? "ACTIVE" : "STARTING");
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (String id : ids) {
                        assertThat(statusChanges(id))
                                .as("status changes of %s", id)
                                .isEqualTo(expected);
                    }
                });
        for (String id : ids) {
            assertThat(status("faults", id)).isEqualTo("ACTIVE");
            List<ConsumerRecord<String, String>> events = topics.on(Topics.CHANNEL_STATUS, id);
            List<String> eventIds = events.stream()
                    .map(e -> TopicRecorder.header(e, "ce_id").orElseThrow())
                    .toList();
            assertThat(new HashSet<>(eventIds))
                    .as("events of %s published once each", id)
                    .hasSameSizeAs(eventIds);
            List<Long> versions = events.stream()
                    .map(e -> StatusEvents.json(e.value()).path("version").asLong())
                    .toList();
            assertThat(versions).as("versions of %s", id).isSorted().doesNotHaveDuplicates();
        }
        assertThat(topics.on(Topics.dlq(Topics.PROVIDER_EVENTS)).stream().filter(r -> ids.contains(r.key())))
                .as("dead letters of the burst")
                .isEmpty();
        assertThat(failingSeen)
                .as("readiness data reported the consumer failing while the database was away")
                .isTrue();
        assertThat(metric("switchboard_consumer_retries_total", "consumer=\"provider-events\""))
                .as("retries counted")
                .isGreaterThan(retriesBefore);
        await().atMost(Duration.ofSeconds(30)).until(() -> !consumerReportedFailing());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsErrorAndTheNextRecordIsApplied() {
        String id = createChannel("faults");
        long deadLettersBefore = metric("switchboard_consumer_dead_letters_total", "consumer=\"provider-events\"");
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publishRaw(
                    Topics.PROVIDER_EVENTS,
                    id,
                    "poison-" + id,
                    Streams.PROVIDER_EVENTS.type(),
                    "{\"health\": not json");
        }
        health(id, webhookSecret(id), "AUTH", 7).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("faults", id)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> topics.on(Topics.dlq(Topics.PROVIDER_EVENTS), id).size() == 1);
        ConsumerRecord<String, String> dead =
                topics.on(Topics.dlq(Topics.PROVIDER_EVENTS), id).get(0);
        assertThat(dead.value()).isEqualTo("{\"health\": not json");
        assertThat(TopicRecorder.header(dead, "ce_id")).contains("poison-" + id);
        assertThat(TopicRecorder.header(dead, DeadLetters.REASON).orElseThrow()).contains("not a valid ProviderEvent");
        assertThat(TopicRecorder.header(dead, DeadLetters.TOPIC)).contains(Topics.PROVIDER_EVENTS);
        assertThat(TopicRecorder.header(dead, DeadLetters.CONSUMER)).contains("provider-events");
        assertThat(TopicRecorder.header(dead, DeadLetters.OFFSET).orElseThrow()).matches("\\d+");
        assertThat(metric("switchboard_consumer_dead_letters_total", "consumer=\"provider-events\""))
                .isEqualTo(deadLettersBefore + 1);
    }

    @Test
    void theSameWebhookWithinTheRedeliveryWindowIsOneEventAndLaterItIsANewOne() {
        String id = createChannel("faults");
        String secret = webhookSecret(id);
        health(id, secret, "AUTH", 5).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("faults", id)));
        String offline = "{\"event\":{\"type\":\"phone\",\"event\":\"offline\"},\"channel_id\":\"SIM-TEST01\"}";
        webhook(id, secret, offline).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "PHONE_UNAVAILABLE".equals(status("faults", id)));
        health(id, secret, "AUTH", 6).statusCode(200);
        webhook(id, secret, offline).statusCode(200); // the provider retrying the first delivery: applied once
        health(id, secret, "AUTH", 7).statusCode(200); // applied after it, in order
        await().atMost(Duration.ofSeconds(20)).until(() -> statusChanges(id).size() == 4);
        assertThat(statusChanges(id)).containsExactly("STARTING", "ACTIVE", "PHONE_UNAVAILABLE", "ACTIVE");

        // The same body after the window (3 s in this profile): the phone went offline again.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        webhook(id, secret, offline).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "PHONE_UNAVAILABLE".equals(status("faults", id)));
    }

    @Test
    void appliedEventIdsOlderThanTheRetentionArePruned() {
        try (ServiceDatabase database = ServiceDatabase.open()) {
            database.update("""
                    INSERT INTO processed_event (consumer, event_id, processed_at)
                    VALUES ('provider-events', 'pruned-' || gen_random_uuid(), now() - interval '9 days'),
                           ('provider-events', 'kept-' || gen_random_uuid(), now() - interval '7 days')""");
            pruner.prune(java.time.Instant.now().minus(Duration.ofDays(8)));
            assertThat(database.number("SELECT count(*) FROM processed_event WHERE event_id LIKE 'pruned-%'"))
                    .isZero();
            assertThat(database.number("SELECT count(*) FROM processed_event WHERE event_id LIKE 'kept-%'"))
                    .isPositive();
        }
    }

    /** The provider retries a webhook that was not answered 200, as a provider does. */
    private static void deliver(String id, String secret, String text, long uptime) {
        for (int attempt = 1;
                webhook(id, secret, healthBody(text, uptime)).extract().statusCode() != 200;
                attempt++) {
            assertThat(attempt).as("deliveries of a webhook of %s", id).isLessThan(100);
            pause(200);
        }
    }

    /** The consumers' readiness check names a failing partition of provider-events (it stays UP meanwhile). */
    static boolean consumerReportedFailing() {
        JsonNode check = consumersCheck();
        assertThat(check.path("status").asText())
                .as("the consumers' readiness check")
                .isEqualTo("UP");
        for (var names = check.path("data").fieldNames(); names.hasNext(); ) {
            if (names.next().startsWith("provider-events ")) {
                return true;
            }
        }
        return false;
    }

    static JsonNode consumersCheck() {
        JsonNode health = StatusEvents.json(
                given().get("/q/health/ready").then().extract().asString());
        for (JsonNode check : health.path("checks")) {
            if ("switchboard-consumers".equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no switchboard-consumers check in " + health);
    }

    /** The sum of a Prometheus counter's series whose labels contain {@code label}. */
    static long metric(String name, String label) {
        return given().get("/q/metrics")
                .then()
                .extract()
                .asString()
                .lines()
                .filter(line -> (line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(label))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private List<String> statusChanges(String id) {
        return StatusEvents.changes(topics, id);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
