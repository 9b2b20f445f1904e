/**
 * Messages from acceptance to an end state: accepting (idempotent, in groups), the state transitions with their
 * events, control (release, cancel, clear) and the message APIs. Uses {@code sql}, {@code account}, {@code metrics}
 * and {@code channel}; it wakes the dispatcher through {@link io.switchboard.queue.message.DispatchWakeups}.
 */
package io.switchboard.queue.message;
