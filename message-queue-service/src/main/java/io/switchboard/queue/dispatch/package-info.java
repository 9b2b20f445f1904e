/**
 * Sending: lanes claimed under a lease, runs paced per channel, provider calls made with no lock held, and their
 * outcomes completed in batches. Uses every package below it.
 */
package io.switchboard.queue.dispatch;
