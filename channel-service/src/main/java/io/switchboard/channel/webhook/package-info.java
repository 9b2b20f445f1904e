/**
 * The provider's webhooks: authenticated by the channel's secret, parsed and normalised into {@code
 * provider.events.v1} events, nothing applied here. Uses {@code store} and {@code provider}.
 */
package io.switchboard.channel.webhook;
