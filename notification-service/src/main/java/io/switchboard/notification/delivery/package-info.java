/**
 * Notifications made and delivered: one delivery per curator and medium, retried with back-off, dead after the last
 * attempt, replayable; webhooks signed as Standard Webhooks. Uses {@code curator}.
 */
package io.switchboard.notification.delivery;
