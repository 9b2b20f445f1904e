package io.switchboard.billing.charging;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.billing.channel.ChargedPeriods.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The arithmetic of one channel-day: its share of the local day, rounded once, half to even. */
@Tag("fast")
class DayChargeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Money ONE_EURO = Money.of(CurrencyUnit.EUR, 1);

    @Test
    void aChannelDisabledAt13OnTheDayTheClocksGoForwardPaysTwelveOfTwentyThreeHours() {
        LocalDate day = LocalDate.of(2026, 3, 29); // 02:00 -> 03:00 in Berlin: 23 hours
        DayCharge charge = DayCharge.of(
                "c",
                day,
                BERLIN,
                List.of(span(day.minusDays(3), "09:00", day, "13:00")),
                day.atStartOfDay(BERLIN).toInstant(),
                ONE_EURO);

        assertThat(charge.daySeconds()).isEqualTo(23 * 3600);
        assertThat(charge.billedSeconds()).isEqualTo(12 * 3600);
        assertThat(charge.amount()).isEqualTo(Money.parse("EUR 0.52")); // 0.5217...
    }

    @Test
    void aChannelDisabledAt13OnTheDayTheClocksGoBackPaysFourteenOfTwentyFiveHours() {
        LocalDate day = LocalDate.of(2026, 10, 25); // 03:00 -> 02:00 in Berlin: 25 hours
        DayCharge charge = DayCharge.of(
                "c",
                day,
                BERLIN,
                List.of(span(day, "00:00", day, "13:00")),
                day.atStartOfDay(BERLIN).toInstant(),
                ONE_EURO);

        assertThat(charge.daySeconds()).isEqualTo(25 * 3600);
        assertThat(charge.billedSeconds()).isEqualTo(14 * 3600);
        assertThat(charge.amount()).isEqualTo(Money.parse("EUR 0.56"));
    }

    @Test
    void roundsHalfToEvenInTheCurrencysScale() {
        LocalDate day = LocalDate.of(2026, 6, 1);
        ZoneId utc = ZoneId.of("UTC");
        // 1.00 x 3/8 of a day = 0.375 -> 0.38 (8 is even); 1.00 x 5/8 = 0.625 -> 0.62 (2 is even)
        assertThat(DayCharge.of(
                                "c",
                                day,
                                utc,
                                List.of(span(utc, day, "00:00", day, "09:00")),
                                day.atStartOfDay(utc).toInstant(),
                                ONE_EURO)
                        .amount())
                .isEqualTo(Money.parse("EUR 0.38"));
        assertThat(DayCharge.of(
                                "c",
                                day,
                                utc,
                                List.of(span(utc, day, "00:00", day, "15:00")),
                                day.atStartOfDay(utc).toInstant(),
                                ONE_EURO)
                        .amount())
                .isEqualTo(Money.parse("EUR 0.62"));
        // JPY has no decimals: 100 x 1/3 of a day = 33.3 -> 33
        assertThat(DayCharge.of(
                                "c",
                                day,
                                utc,
                                List.of(span(utc, day, "00:00", day, "08:00")),
                                day.atStartOfDay(utc).toInstant(),
                                Money.parse("JPY 100"))
                        .amount())
                .isEqualTo(Money.parse("JPY 33"));
    }

    @Test
    void spansAreAddedAndClippedToTheDayAndToTheAccountsStart() {
        LocalDate day = LocalDate.of(2026, 6, 1);
        ZoneId utc = ZoneId.of("UTC");
        List<Period> spans = List.of(
                span(utc, day.minusDays(1), "20:00", day, "06:00"),
                span(utc, day, "12:00", day, "18:00"),
                new Period("c", day.atTime(22, 0).atZone(utc).toInstant(), null));
        // the account began at 04:00: 04:00-06:00, 12:00-18:00 and 22:00-24:00 = 10 hours
        DayCharge charge = DayCharge.of(
                "c", day, utc, spans, day.atTime(4, 0).atZone(utc).toInstant(), Money.of(CurrencyUnit.USD, 24));

        assertThat(charge.billedSeconds()).isEqualTo(10 * 3600);
        assertThat(charge.amount()).isEqualTo(Money.parse("USD 10.00"));
    }

    @Test
    void aChannelChargedAllDayPaysTheTariffAndOneNotChargedPaysNothing() {
        LocalDate day = LocalDate.of(2026, 6, 1);
        assertThat(DayCharge.of(
                                "c",
                                day,
                                BERLIN,
                                List.of(new Period(
                                        "c",
                                        day.minusDays(5).atStartOfDay(BERLIN).toInstant(),
                                        null)),
                                day.atStartOfDay(BERLIN).toInstant(),
                                ONE_EURO)
                        .amount())
                .isEqualTo(ONE_EURO);
        assertThat(DayCharge.of(
                                "c",
                                day,
                                BERLIN,
                                List.of(),
                                day.atStartOfDay(BERLIN).toInstant(),
                                ONE_EURO)
                        .amount()
                        .isZero())
                .isTrue();
    }

    @Test
    void theFirstDayAfterAMoveWestIsChargedFromWhereTheLastChargeEndedAndAMoveEastChargesNoHourTwice() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        ZoneId utc = ZoneId.of("UTC");
        ZoneId newYork = ZoneId.of("America/New_York"); // UTC-5 in December
        ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // UTC+05:30
        Instant utcChargedUntil = day.atStartOfDay(utc).toInstant(); // the end of 6 December in UTC
        List<Period> always =
                List.of(new Period("c", day.minusDays(5).atStartOfDay(utc).toInstant(), null));

        DayCharge west = DayCharge.of("c", day, newYork, always, utcChargedUntil, Money.of(CurrencyUnit.USD, 24));
        assertThat(west.billedSeconds())
                .as("00:00 UTC to the end of 7 December in New York")
                .isEqualTo(29 * 3600);
        assertThat(west.daySeconds()).isEqualTo(24 * 3600);
        assertThat(west.amount()).isEqualTo(Money.parse("USD 29.00"));

        DayCharge east = DayCharge.of("c", day, kolkata, always, utcChargedUntil, Money.of(CurrencyUnit.USD, 24));
        assertThat(east.billedSeconds())
                .as("00:00 UTC to the end of 7 December in Kolkata")
                .isEqualTo(18 * 3600 + 1800);
        assertThat(east.amount()).isEqualTo(Money.parse("USD 18.50"));

        // a channel disabled before the day began in the new zone pays the hours it ran after the last charge
        DayCharge stopped = DayCharge.of(
                "c",
                day,
                newYork,
                List.of(new Period(
                        "c",
                        day.minusDays(5).atStartOfDay(utc).toInstant(),
                        day.atTime(3, 0).atZone(utc).toInstant())),
                utcChargedUntil,
                Money.of(CurrencyUnit.USD, 24));
        assertThat(stopped.billedSeconds()).isEqualTo(3 * 3600);
    }

    private static Period span(LocalDate fromDay, String from, LocalDate toDay, String to) {
        return span(BERLIN, fromDay, from, toDay, to);
    }

    private static Period span(ZoneId zone, LocalDate fromDay, String from, LocalDate toDay, String to) {
        return new Period(
                "c",
                fromDay.atTime(LocalTime.parse(from)).atZone(zone).toInstant(),
                toDay.atTime(LocalTime.parse(to)).atZone(zone).toInstant());
    }
}
