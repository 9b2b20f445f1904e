package io.switchboard.simulator.control;

/** {@code POST /control/channels/{id}/inbound}: a client ({@code from}) writes {@code text} (default "Hello"). */
public record InboundRequest(String from, String text) {}
