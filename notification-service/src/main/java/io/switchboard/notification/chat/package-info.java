/**
 * System messages written in the chats (the channel cannot send, missed calls, ...), their rules and texts, and their
 * settings per account. Uses {@code account} and {@code channel}.
 */
package io.switchboard.notification.chat;
