package io.switchboard.platform.events;

/**
 * An event as a consumer applies it: its CloudEvents attributes and Kafka coordinates, and its parsed payload.
 *
 * @param offset the record's offset in its partition
 */
public record Received<T>(IncomingEvent event, T payload, long offset) {}
