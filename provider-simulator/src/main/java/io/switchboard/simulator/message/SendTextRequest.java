package io.switchboard.simulator.message;

/** {@code POST /v1/channels/{id}/messages/text}. */
public record SendTextRequest(String to, String body) {}
