/**
 * Whether a channel's sends are answered: when the provider last posted a webhook, a receipt, an inbound message, and
 * which sends it accepted (from {@code message.status.v1}) that no receipt has acknowledged yet. The facts the
 * delivery watchdog judges by; shown by {@code GET /v1/channels/{id}/delivery}. Uses no other package.
 */
package io.switchboard.channel.delivery;
