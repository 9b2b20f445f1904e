/**
 * The channel row and its repository: every path that reads or locks channels goes through {@link
 * io.switchboard.channel.store.Channels}, which locks several channels in one statement, in id order (the one
 * lock order). The bottom of the service: it uses no other feature package.
 */
package io.switchboard.channel.store;
