package io.switchboard.simulator.control;

/**
 * {@code POST /control/channels/{id}/conflict}: how many take-overs fail before one succeeds; {@code null}: all fail.
 */
public record ConflictRequest(Integer takeoverSucceedsAfter) {}
