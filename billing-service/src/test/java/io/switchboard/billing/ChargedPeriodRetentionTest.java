package io.switchboard.billing;

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
import org.junit.jupiter.api.Test;

/**
 * Charged periods are deleted 400 days after they ended, once the day they end in is charged; one still open, or one
 * that ends in a day not yet charged, is kept whatever its age, because charging reads it.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ChargedPeriodRetentionTest {

    @Inject
    Retention retention;

    @Inject
    EntityManager entityManager;

    @Test
    void oldChargedPeriodsAreDeletedAndThoseChargingStillReadsAreKept() {
        String charged = BillingApi.account("USD", "UTC", "30.00", "100.00");
        String behind = BillingApi.account("USD", "UTC", "30.00", "100.00");
        QuarkusTransaction.requiringNew().run(() -> {
            // This account's charges were last written 600 days ago (a charge run that has not caught up).
            entityManager
                    .createNativeQuery("UPDATE account SET charged_until = ?1 WHERE account_id = ?2")
                    .setParameter(1, daysAgo(600))
                    .setParameter(2, behind)
                    .executeUpdate();
            period("old-ended", charged, daysAgo(700), daysAgo(500));
            period("recent-ended", charged, daysAgo(700), daysAgo(10));
            period("old-open", charged, daysAgo(700), null);
            period("not-yet-charged", behind, daysAgo(550), daysAgo(500));
        });

        Map<String, Long> deleted = retention.runOnce();

        assertThat(deleted.get("charged-periods")).isGreaterThanOrEqualTo(1);
        assertThat(channels(charged)).containsExactlyInAnyOrder("recent-ended", "old-open");
        assertThat(channels(behind)).containsExactly("not-yet-charged");
    }

    private void period(String channel, String account, OffsetDateTime started, OffsetDateTime ended) {
        entityManager
                .createNativeQuery("""
                INSERT INTO charged_period (channel_id, account_id, started_at, ended_at) VALUES (?1, ?2, ?3, ?4)""")
                .setParameter(1, channel + "-" + account.substring(5, 13))
                .setParameter(2, account)
                .setParameter(3, started)
                .setParameter(4, ended)
                .executeUpdate();
    }

    private static OffsetDateTime daysAgo(int days) {
        return OffsetDateTime.ofInstant(MutableClock.shared().instant().minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }

    @SuppressWarnings("unchecked")
    private List<String> channels(String account) {
        List<String> ids = QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                        .createNativeQuery("SELECT channel_id FROM charged_period WHERE account_id = ?1")
                        .setParameter(1, account)
                        .getResultList());
        return ids.stream().map(id -> id.substring(0, id.lastIndexOf('-'))).toList();
    }
}
