package io.switchboard.billing.charging;

import io.switchboard.platform.retention.RetentionRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * The spans a channel was charged for, once their days are charged: kept 400 days
 * ({@code switchboard.retention.keep.charged-periods}) to explain a charge, then deleted. A span still open, or one
 * that reaches into a day not yet charged, is kept whatever its age: charging reads it. The ledger is never deleted.
 */
@ApplicationScoped
class ChargedPeriodRetention {

    @Produces
    RetentionRule chargedPeriods() {
        return new RetentionRule(
                "charged-periods",
                "charged_period",
                "ended_at",
                "t.ended_at <= (SELECT a.charged_until FROM account a WHERE a.account_id = t.account_id)",
                Duration.ofDays(400));
    }
}
