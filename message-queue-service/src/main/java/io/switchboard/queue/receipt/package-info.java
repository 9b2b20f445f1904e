/**
 * Receipts from {@code provider.events.v1}: a sent message becomes delivered or read; and the chats a client wrote in,
 * which need no contact check. Uses {@code sql}, {@code channel} and {@code message}.
 */
package io.switchboard.queue.receipt;
