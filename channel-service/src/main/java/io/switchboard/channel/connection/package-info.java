/**
 * Applies {@code provider.events.v1} to channels, once each and in order per channel: health to the connection status,
 * session, QR, phone and conflict events to what they mean. Uses {@code store}, {@code provider} (its settings),
 * {@code timer}, {@code status}, {@code watchdog} and {@code delivery} (every event's delivery facts).
 */
package io.switchboard.channel.connection;
