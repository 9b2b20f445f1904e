package io.switchboard.simulator.message;

import java.time.Instant;

/** A message as the simulated recipient's phone received it. */
public record ReceivedMessage(
        String id, String channelId, String from, String to, String body, String idempotencyKey, Instant receivedAt) {}
