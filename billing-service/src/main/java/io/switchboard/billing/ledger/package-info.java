/**
 * The ledger: payments, refunds, adjustments and charges, each with its idempotency key and the balance after it. Uses
 * {@code money} and {@code account}.
 */
package io.switchboard.billing.ledger;
