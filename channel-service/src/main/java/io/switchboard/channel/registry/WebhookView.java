package io.switchboard.channel.registry;

/**
 * Where the provider posts a channel's webhooks and the secret it sends with them. Web-session channels hand it to
 * the provider when their session is opened; for a Cloud API channel it is configured at the gateway by hand.
 */
record WebhookView(String url, String secretHeader, String secret) {}
