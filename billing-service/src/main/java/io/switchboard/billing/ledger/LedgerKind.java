package io.switchboard.billing.ledger;

/** What a ledger entry is; its amount is signed by what it does to the balance. */
public enum LedgerKind {
    /** A channel-day at the tariff, prorated (negative). */
    CHARGE,
    /** Money received (positive). */
    PAYMENT,
    /** Money given back (negative); ops only. */
    REFUND,
    /** A correction either way, with a reason; ops only. The opening balance is one. */
    ADJUSTMENT
}
