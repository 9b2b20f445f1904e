/**
 * Accounts: their balance, tariff, time zone, state and runway, the API that opens and changes them, and the {@code
 * billing.account.v1} events. Uses {@code money}; the channel count and the opening balance come through {@link
 * io.switchboard.billing.account.BillableChannels} and {@link io.switchboard.billing.account.OpeningBalances}.
 */
package io.switchboard.billing.account;
