package io.switchboard.billing.charging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.billing.account.Account;
import io.switchboard.billing.account.AccountEvents;
import io.switchboard.billing.account.Accounts;
import io.switchboard.billing.channel.ChargedPeriods;
import io.switchboard.billing.ledger.Ledger;
import io.switchboard.billing.ledger.LedgerKind;
import io.switchboard.billing.money.Amounts;
import io.switchboard.platform.failure.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Charges every enabled channel once per day of its account. Each account-day is one transaction under the account's
 * lock: its charges, the account's charged day moved on, its state reassessed. A second replica skips an account being
 * charged (SKIP LOCKED) and finds the day done afterwards; a run that comes late charges each missed day in turn; and a
 * charge exists at most once per channel and day in any case (a unique key in the ledger).
 */
@ApplicationScoped
public class ChargeRun {

    private static final Logger LOG = Logger.getLogger(ChargeRun.class);

    private final Accounts accounts;
    private final ChargedPeriods periods;
    private final Ledger ledger;
    private final AccountEvents events;
    private final ChargingSettings settings;
    private final Clock clock;
    private final MeterRegistry metrics;

    public ChargeRun(
            Accounts accounts,
            ChargedPeriods periods,
            Ledger ledger,
            AccountEvents events,
            ChargingSettings settings,
            Clock clock,
            MeterRegistry metrics) {
        this.accounts = accounts;
        this.periods = periods;
        this.ledger = ledger;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        metrics.counter("switchboard_billing_charge_failures_total"); // from 0, so that an alert sees the first
    }

    @Scheduled(
            every = "${switchboard.billing.charging.interval:1m}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Charge run failed; the next one tries again");
        }
    }

    /** One pass over the accounts whose next day may have ended; answers how many account-days it charged. */
    public int runOnce() {
        // A local date runs at most a day ahead of UTC, so a local day that has ended is at most today in UTC.
        LocalDate utcToday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> candidates =
                QuarkusTransaction.requiringNew().call(() -> accounts.mayBeDue(utcToday, settings.accountsPerPass()));
        int days = 0;
        for (String accountId : candidates) {
            try {
                while (QuarkusTransaction.requiringNew().call(() -> chargeNextDay(accountId))) {
                    days++;
                }
            } catch (RuntimeException e) {
                if (Failures.isPassing(e)) {
                    throw e; // the database is away: every account would fail alike; the next run goes on
                }
                // This account's own data: it waits for a fix (tried again each run), the others are charged.
                metrics.counter("switchboard_billing_charge_failures_total").increment();
                LOG.errorf(
                        e,
                        "Account %s could not be charged (%s); the other accounts are charged, it is tried"
                                + " again in the next run",
                        accountId,
                        Failures.rootMessage(e));
            }
        }
        return days;
    }

    /** Charges the account's next day if it has ended and settled and no one else holds the account. */
    private boolean chargeNextDay(String accountId) {
        Optional<Account> free = accounts.lockedIfFree(accountId);
        if (free.isEmpty()) {
            return false;
        }
        Account account = free.get();
        LocalDate day = account.chargedThrough.plusDays(1);
        DayCharge.Window window = DayCharge.Window.of(day, account.zone());
        if (window.end().plus(settings.settle()).isAfter(clock.instant())) {
            return false;
        }
        Map<String, List<ChargedPeriods.Period>> byChannel = new LinkedHashMap<>();
        for (ChargedPeriods.Period span : periods.overlapping(accountId, window.start(), window.end())) {
            byChannel.computeIfAbsent(span.channelId(), id -> new ArrayList<>()).add(span);
        }
        List<Ledger.Draft> charges = new ArrayList<>();
        for (Map.Entry<String, List<ChargedPeriods.Period>> channel : byChannel.entrySet()) {
            DayCharge charge = DayCharge.of(
                    channel.getKey(),
                    day,
                    account.zone(),
                    channel.getValue(),
                    account.chargedUntil,
                    account.tariffMoney());
            if (charge.amount().isPositive()) {
                charges.add(draft(account, charge));
            }
        }
        ledger.append(account, charges);
        account.chargedThrough = day;
        if (window.end().isAfter(account.chargedUntil)) {
            account.chargedUntil = window.end();
        }
        events.reassess(account);
        metrics.counter("switchboard_billing_charged_days_total").increment();
        metrics.counter("switchboard_billing_charges_total").increment(charges.size());
        LOG.debugf("Account %s: %s charged, %d channel(s)", accountId, day, charges.size());
        return true;
    }

    private static Ledger.Draft draft(Account account, DayCharge charge) {
        String key = "charge:" + charge.channelId() + ":" + charge.day();
        String reason = charge.day() + ": " + hours(charge.billedSeconds()) + " of " + hours(charge.daySeconds())
                + " at " + Amounts.text(account.tariffMoney()) + " " + account.currency + " a day";
        return new Ledger.Draft(
                LedgerKind.CHARGE,
                charge.amount().negated(),
                key,
                "CHARGE|" + charge.channelId() + "|" + charge.day(),
                reason,
                charge.channelId(),
                charge.day(),
                Math.toIntExact(charge.billedSeconds()),
                Math.toIntExact(charge.daySeconds()),
                "charge-run");
    }

    private static String hours(long seconds) {
        Duration duration = Duration.ofSeconds(seconds);
        return duration.toHours() + "h" + (duration.toMinutesPart() == 0 ? "" : " " + duration.toMinutesPart() + "m")
                + (duration.toSecondsPart() == 0 ? "" : " " + duration.toSecondsPart() + "s");
    }
}
