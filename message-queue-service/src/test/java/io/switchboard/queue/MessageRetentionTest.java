package io.switchboard.queue;

import static io.restassured.RestAssured.given;
import static io.switchboard.queue.QueueApi.channel;
import static io.switchboard.queue.QueueApi.message;
import static io.switchboard.queue.QueueApi.send;
import static io.switchboard.queue.QueueApi.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.platform.retention.Retention;
import io.switchboard.queue.sql.Jdbc;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.time.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Messages that ended longer ago than their retention (30 days) are deleted; no pending message ever is. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class MessageRetentionTest {

    @Inject
    Retention retention;

    @Inject
    Jdbc jdbc;

    @Test
    void aMessageThatEndedLongerAgoThanItsRetentionIsDeletedAndNoPendingOneIs() {
        String account = "acme-" + UUID.randomUUID();
        String channel = channel(account, ChannelStatus.STARTING); // everything sent to it is held
        List<String> ids = IntStream.range(0, 3)
                .mapToObj(i -> send(account, channel, "+14155550171", "m" + i)
                        .statusCode(202)
                        .extract()
                        .<String>path("id"))
                .toList();
        for (String id : ids.subList(0, 2)) {
            given().auth()
                    .oauth2(token(account))
                    .delete("/v1/messages/{id}", id)
                    .then()
                    .statusCode(200);
        }
        // The first cancelled and the held one changed last 31 days ago (by the service's clock).
        QuarkusTransaction.requiringNew()
                .run(() -> jdbc.update(
                        "UPDATE outbound_message SET updated_at = ? WHERE id = ANY (?)",
                        p -> p.instant(MutableClock.shared().instant().minus(Duration.ofDays(31)))
                                .strings(List.of(ids.get(0), ids.get(2)))));

        Double before = QueueApi.metric("switchboard_retention_deleted_total{data=\"messages\"}");
        assertThat(retention.runOnce().get("messages")).isGreaterThanOrEqualTo(1);

        message(account, ids.get(0)).statusCode(404);
        message(account, ids.get(1)).statusCode(200).body("state", equalTo("CANCELLED"));
        message(account, ids.get(2)).statusCode(200).body("state", equalTo("FROZEN"));
        assertThat(QueueApi.metric("switchboard_retention_deleted_total{data=\"messages\"}"))
                .isGreaterThan(before);
    }

    @Test
    void aNoWhatsAppAnswerIsForgottenAfterAWeekAndAHasWhatsAppAnswerIsKept() {
        String account = "acme-" + UUID.randomUUID();
        java.time.Instant old = MutableClock.shared().instant().minus(Duration.ofDays(8));
        QuarkusTransaction.requiringNew()
                .run(() -> jdbc.update(
                        """
                INSERT INTO chat_contact (account_id, chat_id, has_whatsapp, checked_at) VALUES
                    (?, '+14155550172', false, ?), (?, '+14155550173', true, ?), (?, '+14155550174', false, ?)""",
                        p -> p.string(account)
                                .instant(old)
                                .string(account)
                                .instant(old)
                                .string(account)
                                .instant(MutableClock.shared().instant())));

        assertThat(retention.runOnce().get("no-whatsapp-contacts")).isGreaterThanOrEqualTo(1);

        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> jdbc.query(
                                "SELECT chat_id FROM chat_contact WHERE account_id = ? ORDER BY chat_id",
                                p -> p.string(account),
                                row -> row.getString("chat_id"))))
                .containsExactly("+14155550173", "+14155550174");
    }
}
