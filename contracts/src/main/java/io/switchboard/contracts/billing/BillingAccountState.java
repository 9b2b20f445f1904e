package io.switchboard.contracts.billing;

/** Billing state of an account as other services see it. */
public enum BillingAccountState {
    /** The balance is above zero: channels may work. */
    PAID,
    /** Still paid, but the runway is under the account's warning threshold. */
    LOW_BALANCE,
    /** Balance at or below zero: every channel of the account is NOT_PAID. */
    NOT_PAID
}
