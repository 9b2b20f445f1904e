package io.switchboard.simulator.control;

/**
 * {@code POST /control/channels/{id}/stuck}: how many restarts hang in INIT as well before one recovers (default 0).
 */
public record StuckRequest(Integer restartsToRecover) {}
