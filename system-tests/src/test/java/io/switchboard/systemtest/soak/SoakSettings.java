package io.switchboard.systemtest.soak;

import java.time.Duration;

/**
 * How long and how hard a soak runs. The default is the short soak of the default suite; {@code -Dsoak=true} is the
 * full one (30 minutes, 300 channels, a fault every 45 s); each figure can be set on its own ({@code -Dsoak.minutes},
 * {@code -Dsoak.channels}, {@code -Dsoak.sendsPerSecond}, {@code -Dsoak.faultEverySeconds}).
 *
 * @param duration how long the load and the faults last (the settling and the checks come after)
 * @param channels channels, spread over the accounts
 * @param accounts accounts; the first is the poor one, which runs out of money at the day's end and pays again later
 * @param sendsPerSecond accepts asked for per second, over all channels
 * @param flapsPerSecond scripted provider trouble per second (a flap, a phone away, a logout)
 * @param faultEvery the wait between two faults; the kinds take turns
 */
record SoakSettings(
        boolean full,
        Duration duration,
        int channels,
        int accounts,
        int sendsPerSecond,
        double flapsPerSecond,
        Duration faultEvery) {

    static SoakSettings fromSystemProperties() {
        boolean full = Boolean.getBoolean("soak");
        Long minutes = Long.getLong("soak.minutes");
        Duration duration =
                minutes != null ? Duration.ofMinutes(minutes) : full ? Duration.ofMinutes(30) : Duration.ofSeconds(80);
        return new SoakSettings(
                full,
                duration,
                Integer.getInteger("soak.channels", full ? 300 : 24),
                Integer.getInteger("soak.accounts", full ? 6 : 3),
                Integer.getInteger("soak.sendsPerSecond", full ? 25 : 15),
                Double.parseDouble(System.getProperty("soak.flapsPerSecond", full ? "2" : "1")),
                Duration.ofSeconds(Long.getLong("soak.faultEverySeconds", full ? 45 : 12)));
    }

    /** The accounts' local midnight: a third into the load, so that charging runs across a day boundary. */
    Duration midnightAfter() {
        return duration.dividedBy(3);
    }

    /** When the poor account pays again: two thirds into the load. */
    Duration paymentAfter() {
        return duration.multipliedBy(2).dividedBy(3);
    }
}
