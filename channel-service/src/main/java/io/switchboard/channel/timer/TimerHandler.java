package io.switchboard.channel.timer;

import io.switchboard.channel.store.Channel;
import java.util.Optional;
import java.util.Set;

/**
 * What a channel timer does when it fires. {@link TimerRunner} calls it with the channel locked and the timer still
 * as it was when found due. A timer the handler does not set again is done and removed.
 */
public interface TimerHandler {

    /** The kinds of timer it handles. */
    Set<TimerKind> kinds();

    /** Acts on the channel, or returns the remote call to make once the lock is released. */
    Optional<ProviderCall> fire(Channel channel, ChannelTimer timer);

    /**
     * The answer of the call, with the channel locked again and the timer not set anew meanwhile. Not called for
     * UNAVAILABLE: the runner retries that call with back-off.
     */
    default void answered(Channel channel, ChannelTimer timer, ProviderCall.Answer answer) {}
}
