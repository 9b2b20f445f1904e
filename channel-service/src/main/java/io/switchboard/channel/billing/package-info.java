/**
 * The billing state of each account as channel-service follows it from {@code billing.account.v1}: a NOT_PAID
 * account's channels stop sending and come back when it is paid. Uses {@code store} and {@code status}.
 */
package io.switchboard.channel.billing;
