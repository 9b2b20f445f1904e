package io.switchboard.simulator.control;

/**
 * {@code POST /control/channels/{id}/flap}: a reconnect cycle every {@code everySeconds} (may be fractional),
 * {@code times} cycles.
 */
public record FlapRequest(Double everySeconds, Integer times) {}
