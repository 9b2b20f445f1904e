package io.switchboard.simulator.control;

/**
 * {@code POST /control/channels/{id}/health}: the status to push, one of INIT, LAUNCH, QR, AUTH, ERROR, STOP,
 * SYNC_ERROR; {@code lost: true} changes the session without its webhook ever arriving (a lost health webhook).
 */
public record HealthRequest(String status, Boolean lost) {}
