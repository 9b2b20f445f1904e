/**
 * The transitions the service drives itself: take-overs after a conflict, flaps and instability, stuck sessions, the
 * phone's return, expired QR codes and periodic health checks. Uses {@code store}, {@code provider}, {@code timer} and
 * {@code status}.
 */
package io.switchboard.channel.watchdog;
