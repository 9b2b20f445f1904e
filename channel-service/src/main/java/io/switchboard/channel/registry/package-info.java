/**
 * What people do to channels through the API: create (one number, one channel), list, read, rename, disable, enable,
 * delete, restart, log out, enable here. Uses the packages below it; only {@code verification} uses it (its commands).
 */
package io.switchboard.channel.registry;
