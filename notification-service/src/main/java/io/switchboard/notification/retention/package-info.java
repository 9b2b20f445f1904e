/**
 * What the service deletes once it is old enough ({@code switchboard.retention.keep.<name>}): ended deliveries, chat
 * watches and observed statuses no longer in use.
 */
package io.switchboard.notification.retention;
