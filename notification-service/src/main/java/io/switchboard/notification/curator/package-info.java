/**
 * Curators: who is told what about which channels, by email and/or signed webhook, and the rules of their addresses.
 * The bottom of the service.
 */
package io.switchboard.notification.curator;
