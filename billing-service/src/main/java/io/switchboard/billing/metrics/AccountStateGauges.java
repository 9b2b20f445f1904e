package io.switchboard.billing.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.contracts.billing.BillingAccountState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accounts by state, {@code switchboard_billing_accounts{state}}, and how many days the charge run is behind,
 * {@code switchboard_billing_charging_lag_days} (the oldest charged day against yesterday in UTC: above 1 the run is
 * not keeping up), read every {@code switchboard.billing.metrics-refresh} (30 s) rather than at each scrape.
 */
@ApplicationScoped
class AccountStateGauges {

    private final EntityManager entityManager;
    private final Clock clock;
    private final Map<BillingAccountState, AtomicLong> byState = new EnumMap<>(BillingAccountState.class);
    private final AtomicLong lagDays = new AtomicLong();

    public AccountStateGauges(EntityManager entityManager, Clock clock, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.clock = clock;
        for (BillingAccountState state : BillingAccountState.values()) {
            AtomicLong count = new AtomicLong();
            byState.put(state, count);
            Gauge.builder("switchboard.billing.accounts", count, AtomicLong::get)
                    .tag("state", state.name())
                    .description("Accounts in each billing state")
                    .register(meters);
        }
        Gauge.builder("switchboard.billing.charging.lag.days", lagDays, AtomicLong::get)
                .description("Days between yesterday (UTC) and the oldest day an account is charged through")
                .register(meters);
    }

    @Scheduled(
            every = "${switchboard.billing.metrics-refresh:30s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager
                    .createNativeQuery("SELECT state, count(*) FROM account GROUP BY state")
                    .getResultList();
            byState.values().forEach(count -> count.set(0));
            for (Object[] row : rows) {
                byState.get(BillingAccountState.valueOf((String) row[0])).set(((Number) row[1]).longValue());
            }
            Object oldest = entityManager
                    .createNativeQuery("SELECT min(charged_through) FROM account")
                    .getSingleResult();
            LocalDate yesterday =
                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
            LocalDate day = oldest instanceof Date date
                    ? date.toLocalDate()
                    : oldest instanceof LocalDate local ? local : yesterday;
            lagDays.set(Math.max(0, yesterday.toEpochDay() - day.toEpochDay()));
        });
    }
}
