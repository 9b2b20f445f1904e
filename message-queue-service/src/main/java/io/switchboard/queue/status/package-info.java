/**
 * Applies {@code channel.status.v1} to lanes: opens and closes them, stops runs in flight, wakes the dispatcher and
 * sweeps. The top of the service.
 */
package io.switchboard.queue.status;
