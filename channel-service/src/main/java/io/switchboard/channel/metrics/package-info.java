/**
 * Gauges of channels per status, read from the database on a schedule. Uses no other feature package.
 */
package io.switchboard.channel.metrics;
