package io.switchboard.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.Topics;
import io.switchboard.platform.outbox.Outbox;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * An outbox row Kafka will never take (a record over the size limit) is retried, then set aside in
 * {@code outbox_dead_letter}; the later rows of its key wait for it (order per key) and then go, the rows of other
 * keys never wait.
 */
@QuarkusTest
@TestProfile(WatchdogTest.ShortThresholds.class)
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class OutboxDeadLetterTest {

    @Inject
    Outbox outbox;

    @Test
    void aRowThatCannotBeSentIsSetAsideAndTheRowsAfterItArePublished() {
        String blocked = "outbox-test-" + UUID.randomUUID();
        String other = "outbox-test-" + UUID.randomUUID();
        long deadLettersBefore = PipelineFaultsTest.metric("switchboard_outbox_dead_letters_total", "");
        try (TopicRecorder topics = TopicRecorder.recording(
                        TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_STATUS);
                ServiceDatabase database = ServiceDatabase.open()) {
            String[] ids = QuarkusTransaction.requiringNew().call(() -> new String[] {
                outbox.publish(
                        Topics.CHANNEL_STATUS, blocked, "test.big", blocked, Map.of("blob", "x".repeat(1_500_000))),
                outbox.publish(Topics.CHANNEL_STATUS, blocked, "test.after", blocked, Map.of("n", 2)),
                outbox.publish(Topics.CHANNEL_STATUS, other, "test.other", other, Map.of("n", 3))
            });

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> topics.on(Topics.CHANNEL_STATUS, other).size() == 1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> topics.on(Topics.CHANNEL_STATUS, blocked).size() == 1);
            assertThat(TopicRecorder.header(
                            topics.on(Topics.CHANNEL_STATUS, blocked).get(0), "ce_id"))
                    .contains(ids[1]);
            assertThat(database.number("SELECT attempts FROM outbox_dead_letter WHERE event_id = ?", ids[0]))
                    .isEqualTo(3);
            assertThat(database.text("SELECT last_error FROM outbox_dead_letter WHERE event_id = ?", ids[0]))
                    .contains("RecordTooLargeException");
            assertThat(database.number("SELECT count(*) FROM outbox_event WHERE record_key IN (?, ?)", blocked, other))
                    .isZero();
        }
        assertThat(PipelineFaultsTest.metric("switchboard_outbox_dead_letters_total", ""))
                .isEqualTo(deadLettersBefore + 1);
        // counted in the background every 15 s
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .body("checks.find { it.name == 'switchboard-outbox' }.status", Matchers.equalTo("UP"))
                        .body(
                                "checks.find { it.name == 'switchboard-outbox' }.data.deadLetters",
                                Matchers.greaterThanOrEqualTo(1))
                        .body(
                                "checks.find { it.name == 'switchboard-outbox' }.data.warning",
                                Matchers.containsString("outbox_dead_letter")));
    }
}
