/**
 * The status history of each channel: one row per change, read page by page and as uptime over a period. Uses no other
 * feature package.
 */
package io.switchboard.channel.history;
