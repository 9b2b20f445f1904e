package io.switchboard.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.platform.retention.Retention;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.time.MutableClock;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What notification-service deletes once it is old enough, and what it keeps whatever its age: a delivery still being
 * tried, a channel's newest observed status, a chat watch with a timer.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class RetentionTest {

    @Inject
    Retention retention;

    @Inject
    EntityManager entityManager;

    @Test
    void oldRowsInAnEndStateAreDeletedAndRowsStillInUseAreKept() {
        String account = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = UUID.randomUUID().toString();
        OffsetDateTime old =
                OffsetDateTime.ofInstant(MutableClock.shared().instant().minus(Duration.ofDays(120)), ZoneOffset.UTC);
        OffsetDateTime recent = OffsetDateTime.ofInstant(MutableClock.shared().instant(), ZoneOffset.UTC);
        UUID delivered = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            delivery(delivered, account, "DELIVERED", old, old);
            delivery(pending, account, "PENDING", old, null);
            delivery(fresh, account, "DEAD", recent, recent);
            for (int version = 1; version <= 3; version++) {
                entityManager
                        .createNativeQuery("""
                        INSERT INTO observed_channel_status (event_id, channel_id, account_id, status, required_action,
                            version, occurred_at, received_at)
                        VALUES (?1, ?2, ?3, 'ACTIVE', 'NONE', ?4, ?5, ?5)""")
                        .setParameter(1, channel + "-" + version)
                        .setParameter(2, channel)
                        .setParameter(3, account)
                        .setParameter(4, (long) version)
                        .setParameter(5, old)
                        .executeUpdate();
            }
        });

        Map<String, Long> deleted = retention.runOnce();

        assertThat(deleted.get("deliveries")).isGreaterThanOrEqualTo(1);
        assertThat(ids("SELECT id::text FROM delivery WHERE account_id = ?1", account))
                .containsExactlyInAnyOrder(pending.toString(), fresh.toString());
        assertThat(ids("SELECT version::text FROM observed_channel_status WHERE channel_id = ?1", channel))
                .as("the newest observed status is kept, however old")
                .containsExactly("3");
    }

    private void delivery(UUID id, String account, String state, OffsetDateTime created, OffsetDateTime finished) {
        entityManager
                .createNativeQuery("""
                INSERT INTO delivery (id, account_id, curator_id, kind, payload, state, attempts, next_attempt_at,
                    created_at, finished_at)
                VALUES (?1, ?2, ?3, 'curator.test', '{}', ?4, 1, ?5, ?5, ?6)""")
                .setParameter(1, id)
                .setParameter(2, account)
                .setParameter(3, UUID.randomUUID())
                .setParameter(4, state)
                .setParameter(5, created)
                .setParameter(6, finished)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<String> ids(String sql, String parameter) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                        .createNativeQuery(sql)
                        .setParameter(1, parameter)
                        .getResultList());
    }
}
