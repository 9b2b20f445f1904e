package io.switchboard.simulator.control;

/** {@code POST /control/channels/{id}/health}: the status to push, one of INIT, LAUNCH, QR, AUTH, ERROR, STOP, SYNC_ERROR. */
public record HealthRequest(String status) {
}
