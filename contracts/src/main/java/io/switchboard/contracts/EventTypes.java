package io.switchboard.contracts;

/**
 * CloudEvents attributes common to every stream. Each stream's {@code type} is declared with it in {@link Streams};
 * the {@code source} is the producing service, as {@code //switchboard/<service>}.
 */
public final class EventTypes {

    private EventTypes() {}

    /** CloudEvents source of a service's events. */
    public static String source(String service) {
        return "//switchboard/" + service;
    }
}
