package io.switchboard.systemtest;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** A time zone whose day ends when a test needs it to, so that the real charge run charges a day within the test. */
public final class Midnights {

    private Midnights() {}

    /** The fixed offset whose local midnight is at {@code midnight} (to the second). */
    public static ZoneOffset offsetWithMidnightAt(Instant midnight) {
        int secondOfDay = LocalTime.ofInstant(midnight, ZoneOffset.UTC).toSecondOfDay();
        int offset = Math.floorMod(-secondOfDay, 86_400);
        return ZoneOffset.ofTotalSeconds(offset > 18 * 3600 ? offset - 86_400 : offset);
    }
}
