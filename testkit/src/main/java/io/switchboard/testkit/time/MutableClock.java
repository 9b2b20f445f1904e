package io.switchboard.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with the system clock and can be moved forward by a test: a 24-hour time-to-live passes in a
 * statement, not in a day. It never goes back, so what a service stored with it stays in order.
 */
public final class MutableClock extends Clock {

    private static final MutableClock SHARED = new MutableClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** The one clock of a test JVM (the service under test and the test see the same time). */
    public static MutableClock shared() {
        return SHARED;
    }

    /** Moves the clock forward. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("A clock does not go back: " + by);
        }
        offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("A test clock is in UTC");
    }
}
