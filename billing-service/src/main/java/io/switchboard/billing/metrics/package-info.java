/**
 * Gauges of accounts per state and of how many days the charge run lags behind.
 */
package io.switchboard.billing.metrics;
