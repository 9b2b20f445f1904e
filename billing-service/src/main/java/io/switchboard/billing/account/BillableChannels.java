package io.switchboard.billing.account;

/**
 * How many channels an account pays for. Implemented where the channels are kept ({@code channel}), which depends on
 * accounts, so that accounts need not depend back on it.
 */
public interface BillableChannels {

    /** The account's channels that count for its runway (enabled, not deleted). */
    long enabledCount(String accountId);
}
