/**
 * Durable per-channel timers (take-over attempts, stuck and phone checks, verification steps) and the runner that
 * fires them: due rows are found on a tick, provider calls are made on workers with no lock held, and the result is
 * applied under the channel's lock. Uses {@code store}.
 */
package io.switchboard.channel.timer;
