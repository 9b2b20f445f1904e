/**
 * The queue's meters: held messages per channel and account, sends by outcome. Uses {@code sql} and {@code account}.
 */
package io.switchboard.queue.metrics;
