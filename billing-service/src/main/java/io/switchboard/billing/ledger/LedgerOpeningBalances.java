package io.switchboard.billing.ledger;

import io.switchboard.billing.account.Account;
import io.switchboard.billing.account.OpeningBalances;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.joda.money.Money;

/** An opening balance is an adjustment under a fixed key: an account has one. */
@ApplicationScoped
class LedgerOpeningBalances implements OpeningBalances {

    static final String OPENING_BALANCE_KEY = "opening-balance";

    private final Ledger ledger;

    LedgerOpeningBalances(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void book(Account account, Money amount, String createdBy) {
        ledger.append(
                account,
                List.of(Ledger.Draft.requested(
                        LedgerKind.ADJUSTMENT, amount, OPENING_BALANCE_KEY, "opening balance", createdBy)));
    }
}
