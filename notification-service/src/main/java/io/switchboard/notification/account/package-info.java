/**
 * Accounts as the service follows them from {@code billing.account.v1}: their time zones and the NOT_PAID and paid
 * notices. Uses {@code curator} and {@code delivery}.
 */
package io.switchboard.notification.account;
