/**
 * Per-account queue settings (release mode, pacing, time to live, send-policy overrides) and their API. Uses {@code
 * sql}.
 */
package io.switchboard.queue.account;
