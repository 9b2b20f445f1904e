package io.switchboard.contracts.billing;

import java.time.Instant;

/**
 * {@code billing.account.v1}: the billing state of an account, keyed by accountId.
 *
 * @param balance exact decimal amount as a string, e.g. {@code "12.50"}
 * @param currency ISO 4217 code
 * @param runwayDays whole days the balance lasts at the current tariff; null when nothing is charged
 * @param version grows with every change of the account's billing state or of its time zone
 * @param timeZone the account's IANA time zone (e.g. {@code Europe/Berlin}): its days are charged, and the times in its
 *        system messages shown, in it
 */
public record BillingAccountChanged(
        String accountId,
        BillingAccountState state,
        String balance,
        String currency,
        Integer runwayDays,
        long version,
        Instant occurredAt,
        String timeZone) {}
