package io.switchboard.simulator.control;

/** {@code POST /control/channels/{id}/call}: a client ({@code from}) calls, by video when {@code video} is true. */
public record CallRequest(String from, Boolean video) {}
