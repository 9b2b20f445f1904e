/**
 * How a change of a channel's status is made: the new effective status, version, history row and {@code
 * channel.status.v1} event in one transaction ({@link io.switchboard.channel.status.ChannelChanges}), and provider
 * health applied never backwards in provider time. Uses {@code store} and {@code history}.
 */
package io.switchboard.channel.status;
