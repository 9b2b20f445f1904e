package io.switchboard.billing.ledger;

import io.switchboard.billing.money.Amounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.joda.money.CurrencyUnit;

/**
 * A ledger entry as the API shows it.
 *
 * @param amount signed: what the entry did to the balance
 * @param billedSeconds a charge's seconds of the day the channel was charged, of {@code daySeconds}
 */
record EntryView(
        UUID entryId,
        long seq,
        LedgerKind kind,
        String amount,
        String currency,
        String balanceAfter,
        String reason,
        String channelId,
        LocalDate chargeDay,
        Integer billedSeconds,
        Integer daySeconds,
        String idempotencyKey,
        String createdBy,
        Instant createdAt) {

    public static EntryView of(LedgerEntry entry) {
        CurrencyUnit currency = CurrencyUnit.of(entry.currency);
        return new EntryView(
                entry.entryId,
                entry.seq,
                entry.kind,
                Amounts.text(Amounts.stored(entry.amount, currency)),
                entry.currency,
                Amounts.text(Amounts.stored(entry.balanceAfter, currency)),
                entry.reason,
                entry.channelId,
                entry.chargeDay,
                entry.billedSeconds,
                entry.daySeconds,
                entry.idempotencyKey,
                entry.createdBy,
                entry.createdAt);
    }
}
