/**
 * Amounts in an account's currency: parsed, checked and written as text. The bottom of the service.
 */
package io.switchboard.billing.money;
