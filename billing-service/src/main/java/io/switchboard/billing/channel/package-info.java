/**
 * The channels an account pays for, kept from {@code channel.state.v1} and {@code channel.status.v1}, and the periods
 * each was billable. Uses {@code account}.
 */
package io.switchboard.billing.channel;
