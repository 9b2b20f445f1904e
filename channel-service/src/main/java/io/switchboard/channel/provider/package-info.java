/**
 * The provider's HTTP API as channel-service calls it: opening, restarting and logging out sessions, and asking for
 * health. Uses {@code store}.
 */
package io.switchboard.channel.provider;
