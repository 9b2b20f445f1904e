/**
 * Each channel's lane as the queue knows it: its status, send policy and whether it may send now, kept from {@code
 * channel.status.v1}. Uses {@code sql} and {@code account}.
 */
package io.switchboard.queue.channel;
