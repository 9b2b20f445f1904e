/**
 * The daily charge: each account's day charged at its midnight, per channel for the seconds it was billable. Uses
 * every package below it.
 */
package io.switchboard.billing.charging;
