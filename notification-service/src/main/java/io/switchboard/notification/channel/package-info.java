/**
 * Channel statuses as the service observes them from {@code channel.status.v1}, and the notices about them, debounced
 * so that a flap is told once. Uses {@code account}, {@code curator} and {@code delivery}.
 */
package io.switchboard.notification.channel;
