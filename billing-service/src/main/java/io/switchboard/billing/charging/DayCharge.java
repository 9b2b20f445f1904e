package io.switchboard.billing.charging;

import io.switchboard.billing.channel.ChargedPeriods.Period;
import io.switchboard.billing.money.Amounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.joda.money.Money;

/**
 * One channel's charge for one day of its account: the tariff times the share of the day the channel was charged,
 * rounded once to the currency's scale, half to even. The day is the account's local day, so it lasts 23 or 25 hours
 * when the clocks change; it is charged from the end of what earlier days charged, never before and never after.
 *
 * @param billedSeconds seconds the channel was charged (more than the day only for the first day after a move west)
 * @param daySeconds the length of the day in seconds (86,400; 82,800 or 90,000 on a day the clocks change)
 */
record DayCharge(String channelId, LocalDate day, long billedSeconds, long daySeconds, Money amount) {

    /** The local day as instants: [start, end). */
    public record Window(Instant start, Instant end) {

        public static Window of(LocalDate day, ZoneId zone) {
            return new Window(
                    day.atStartOfDay(zone).toInstant(),
                    day.plusDays(1).atStartOfDay(zone).toInstant());
        }

        long seconds() {
            return Duration.between(start, end).toSeconds();
        }
    }

    /**
     * The channel's charge for the day from its spans (all of this channel), counting from {@code notBefore}: the end
     * of what earlier days charged. That is the day's start, or later (the account opened during the day, or moved
     * east: those hours were charged already), or earlier (the account moved west: the hours between the old zone's
     * midnight and the new one's are charged with this day, so none is left out).
     */
    public static DayCharge of(
            String channelId, LocalDate day, ZoneId zone, List<Period> spans, Instant notBefore, Money tariff) {
        Window window = Window.of(day, zone);
        Instant from = notBefore;
        long billed = 0;
        for (Period span : spans) {
            Instant start = span.startedAt().isAfter(from) ? span.startedAt() : from;
            Instant end =
                    span.endedAt() == null || span.endedAt().isAfter(window.end()) ? window.end() : span.endedAt();
            if (end.isAfter(start)) {
                billed += Duration.between(start, end).toSeconds();
            }
        }
        // overlapping spans never charge more than the time charged for
        billed = Math.min(
                billed, Math.max(0, Duration.between(from, window.end()).toSeconds()));
        Money amount = tariff.multipliedBy(billed).dividedBy(window.seconds(), Amounts.ROUNDING);
        return new DayCharge(channelId, day, billed, window.seconds(), amount);
    }
}
