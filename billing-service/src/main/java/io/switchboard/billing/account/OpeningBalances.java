package io.switchboard.billing.account;

import org.joda.money.Money;

/**
 * Books a new account's opening balance. Implemented by the ledger, which depends on accounts, so that opening an
 * account need not depend back on it.
 */
public interface OpeningBalances {

    /** Appends the opening balance to a new, locked account's ledger and moves its balance. */
    void book(Account account, Money amount, String createdBy);
}
