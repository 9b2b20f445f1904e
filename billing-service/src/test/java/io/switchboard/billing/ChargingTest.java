package io.switchboard.billing;

import static io.switchboard.billing.BillingApi.WAIT;
import static io.switchboard.billing.BillingApi.balance;
import static io.switchboard.billing.BillingApi.billing;
import static io.switchboard.billing.BillingApi.ledger;
import static io.switchboard.billing.BillingApi.pay;
import static io.switchboard.billing.BillingApi.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.billing.charging.ChargeRun;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelState;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import io.switchboard.testkit.time.MutableClock;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The daily charge: each enabled channel once per day of its account's time zone, at its share of the day, whatever
 * runs it how often; running out of money makes the account NOT_PAID, a payment brings it back.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ChargingTest {

    private static final MutableClock CLOCK = MutableClock.shared();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Inject
    ChargeRun chargeRun;

    @Test
    void aChannelDisabledAt13OnADayTheClocksChangeIsChargedItsShareOfThatDay() {
        // The next day Berlin changes its clocks, far enough ahead to open the account at noon the day before.
        ZoneOffsetTransition transition =
                BERLIN.getRules().nextTransition(CLOCK.instant().plus(Duration.ofDays(2)));
        LocalDate day = LocalDate.ofInstant(transition.getInstant(), BERLIN);
        moveTo(day.minusDays(1).atTime(12, 0).atZone(BERLIN).toInstant());
        String account = BillingApi.account("EUR", "Europe/Berlin", "1.00", "100.00");
        String allDay = BillingApi.channel(
                account, ChannelStatus.ACTIVE, CLOCK.instant().minus(Duration.ofDays(5)));
        String offAt13 = BillingApi.channel(
                account,
                ChannelStatus.ACTIVE,
                day.minusDays(1).atTime(12, 0).atZone(BERLIN).toInstant());
        BillingApi.publish(
                account,
                offAt13,
                ChannelStatus.DISABLED,
                day.atTime(13, 0).atZone(BERLIN).toInstant());

        moveTo(day.plusDays(1).atTime(12, 0).atZone(BERLIN).toInstant());
        await().atMost(WAIT)
                .untilAsserted(() -> billing(account).statusCode(200).body("chargedThrough", equalTo(day.toString())));

        Map<String, String> charges = charges(account);
        boolean shorter = transition.isGap(); // spring: 23 hours; autumn: 25
        assertThat(charges)
                .containsOnly(
                        Map.entry(
                                allDay + " " + day.minusDays(1),
                                "-0.50 720/1440"), // from the account's opening at noon
                        Map.entry(offAt13 + " " + day.minusDays(1), "-0.50 720/1440"),
                        Map.entry(allDay + " " + day, shorter ? "-1.00 1380/1380" : "-1.00 1500/1500"),
                        Map.entry(offAt13 + " " + day, shorter ? "-0.52 720/1380" : "-0.56 840/1500"));
        assertThat(balance(account)).isEqualByComparingTo(shorter ? "97.48" : "97.44");
    }

    @Test
    void aLateRunRunByManyReplicasAtOnceChargesEachChannelDayOnce() throws Exception {
        moveTo(nextUtcMidnight().plus(Duration.ofHours(1)));
        String account = BillingApi.account("USD", "UTC", "2.00", "500.00");
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            channels.add(BillingApi.channel(account, ChannelStatus.ACTIVE, CLOCK.instant()));
        }
        LocalDate opened = LocalDate.ofInstant(CLOCK.instant(), ZoneId.of("UTC"));
        CLOCK.advance(Duration.ofDays(4)); // four days have ended since: the opening day and three whole ones

        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(chargeRun::runOnce);
            }
            for (Future<Integer> run : replicas.invokeAll(runs)) {
                run.get();
            }
        } finally {
            replicas.shutdown();
        }
        await().atMost(WAIT)
                .untilAsserted(() -> billing(account)
                        .statusCode(200)
                        .body("chargedThrough", equalTo(opened.plusDays(3).toString())));
        chargeRun.runOnce(); // and once more, later

        Map<String, String> charges = charges(account);
        assertThat(charges).hasSize(12);
        for (String channel : channels) {
            for (int day = 1; day <= 3; day++) {
                assertThat(charges).containsEntry(channel + " " + opened.plusDays(day), "-2.00 1440/1440");
            }
        }
        BigDecimal charged = charges.values().stream()
                .map(v -> new BigDecimal(v.split(" ")[0]))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(balance(account)).isEqualByComparingTo(new BigDecimal("500.00").add(charged));

        // the key holds even for a writer that skips the service
        try (Connection db = PaymentsTest.database();
                Statement statement = db.createStatement()) {
            long seq = ledger(account, "?size=1").extract().<Integer>path("items[0].seq") + 1;
            statement.executeUpdate("INSERT INTO ledger_entry (account_id, seq, entry_id, kind, amount, currency,"
                    + " balance_after, idempotency_key, fingerprint, channel_id, charge_day, created_at)"
                    + " SELECT account_id, " + seq + ", gen_random_uuid(), 'CHARGE', -2, 'USD', balance - 2, 'again',"
                    + " 'x', '" + channels.get(0) + "', DATE '" + opened.plusDays(1) + "', now() FROM account"
                    + " WHERE account_id = '" + account + "'");
            throw new AssertionError("A second charge of a channel-day was accepted");
        } catch (SQLException expected) {
            assertThat(expected.getMessage()).contains("ledger_entry_charge_once");
        }
    }

    @Test
    void runningOutOfMoneyMakesTheAccountNotPaidWhichIsNotChargedAndAPaymentBringsItBack() {
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.BILLING_ACCOUNT)) {
            moveTo(nextUtcMidnight()); // the first day is a whole one
            String account = BillingApi.account("USD", "UTC", "1.00", "3.00");
            String first = BillingApi.channel(account, ChannelStatus.ACTIVE, CLOCK.instant());
            String second = BillingApi.channel(account, ChannelStatus.ACTIVE, CLOCK.instant());
            LocalDate opened = LocalDate.ofInstant(CLOCK.instant(), ZoneId.of("UTC"));

            CLOCK.advance(Duration.ofDays(2).plusHours(6)); // two days charged: 3.00 - 4.00
            await().atMost(WAIT)
                    .untilAsserted(() -> billing(account)
                            .statusCode(200)
                            .body("state", equalTo("NOT_PAID"))
                            .body("balance", equalTo("-1.00"))
                            .body("chargedThrough", equalTo(opened.plusDays(1).toString())));
            // channel-service stops the channels; from then on they are not charged
            BillingApi.publish(account, first, ChannelStatus.NOT_PAID, CLOCK.instant());
            BillingApi.publish(account, second, ChannelStatus.NOT_PAID, CLOCK.instant());
            CLOCK.advance(Duration.ofDays(2));
            await().atMost(WAIT)
                    .untilAsserted(() -> billing(account)
                            .statusCode(200)
                            .body("chargedThrough", equalTo(opened.plusDays(3).toString())));
            // the third day up to 06:00 only, the fourth not at all
            assertThat(charges(account))
                    .containsEntry(first + " " + opened.plusDays(2), "-0.25 360/1440")
                    .containsEntry(second + " " + opened.plusDays(2), "-0.25 360/1440")
                    .doesNotContainKey(first + " " + opened.plusDays(3));
            assertThat(balance(account)).isEqualByComparingTo("-1.50");

            pay(account, "20.00", "USD", "top-up").statusCode(201).body("state", equalTo("PAID"));

            await().atMost(WAIT).until(() -> topics.on(Topics.BILLING_ACCOUNT, account), list -> list.size() >= 3);
            List<String> states = topics.on(Topics.BILLING_ACCOUNT, account).stream()
                    .map(BillingApi::payload)
                    .map(e -> e.path("version").asLong() + " " + e.path("state").asText() + " "
                            + e.path("balance").asText())
                    .toList();
            // LOW_BALANCE when the second channel came: 3.00 lasts one day at 2.00
            assertThat(states).containsExactly("1 PAID 3.00", "2 LOW_BALANCE 3.00", "3 NOT_PAID -1.00", "4 PAID 18.50");
        }
    }

    @Test
    void aNewTimeZoneNeitherChargesHoursTwiceNorSkipsThem() {
        FirstDay first = chargedThroughTheDayItOpenedInUtc();
        // Kolkata (+05:30) began its next day at 18:30 UTC of the day UTC already charged: those hours were paid
        chargeTheNextDayIn(first, "Asia/Kolkata", Duration.ofDays(1));

        assertThat(charges(first.account()))
                .containsOnly(
                        Map.entry(first.channel() + " " + first.opened(), "-23.00 1380/1440"),
                        Map.entry(first.channel() + " " + first.opened().plusDays(1), "-18.50 1110/1440"));
    }

    @Test
    void aMoveWestChargesTheHoursBetweenTheTwoMidnightsWithTheNextDay() {
        FirstDay first = chargedThroughTheDayItOpenedInUtc();
        // New York's next day begins five hours after the UTC midnight where the last charge ended
        chargeTheNextDayIn(first, "America/New_York", Duration.ofDays(1).plus(Duration.ofHours(6)));
        String account = first.account();
        String channel = first.channel();
        LocalDate opened = first.opened();

        ZoneId newYork = ZoneId.of("America/New_York");
        Instant end = opened.plusDays(2).atStartOfDay(newYork).toInstant();
        Instant lastChargeEnded =
                opened.plusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant();
        long billed = Duration.between(lastChargeEnded, end).toMinutes();
        long day = Duration.between(opened.plusDays(1).atStartOfDay(newYork).toInstant(), end)
                .toMinutes();
        BigDecimal amount = BigDecimal.valueOf(24 * billed).divide(BigDecimal.valueOf(day), 2, RoundingMode.HALF_EVEN);
        assertThat(billed).as("minutes charged with the first New York day").isGreaterThan(day);
        assertThat(charges(account))
                .containsOnly(
                        Map.entry(channel + " " + opened, "-23.00 1380/1440"),
                        Map.entry(
                                channel + " " + opened.plusDays(1),
                                "-" + amount.toPlainString() + " " + billed + "/" + day));
    }

    @Test
    void anAccountWhoseChargeFailsEveryTimeHoldsUpNoOtherAccount() throws SQLException {
        moveTo(nextUtcMidnight().plus(Duration.ofHours(1)));
        String broken = BillingApi.account("USD", "UTC", "24.00", "1000.00");
        String sound = BillingApi.account("USD", "UTC", "24.00", "1000.00");
        BillingApi.channel(broken, ChannelStatus.ACTIVE, CLOCK.instant().minus(Duration.ofDays(1)));
        String channel =
                BillingApi.channel(sound, ChannelStatus.ACTIVE, CLOCK.instant().minus(Duration.ofDays(1)));
        LocalDate opened = LocalDate.ofInstant(CLOCK.instant(), ZoneId.of("UTC"));
        // A zone the time-zone database no longer knows (as after a tzdata update); a day behind, so it comes first.
        try (Connection db = PaymentsTest.database();
                Statement statement = db.createStatement()) {
            statement.executeUpdate("UPDATE account SET time_zone = 'Mars/Olympus_Mons',"
                    + " charged_through = charged_through - 1 WHERE account_id = '" + broken + "'");
        }
        try {
            CLOCK.advance(Duration.ofDays(1));
            chargeRun.runOnce(); // and the scheduled runs meanwhile: none may stop at the broken account
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> billing(sound).statusCode(200).body("chargedThrough", equalTo(opened.toString())));
            assertThat(charges(sound)).containsOnly(Map.entry(channel + " " + opened, "-23.00 1380/1440"));
        } finally {
            try (Connection db = PaymentsTest.database();
                    Statement statement = db.createStatement()) {
                statement.executeUpdate("UPDATE account SET time_zone = 'UTC' WHERE account_id = '" + broken + "'");
            }
        }
    }

    @Test
    void hundredsOfConcurrentPaymentsAndChargesLeaveTheBalanceEqualToTheLedger() throws Exception {
        moveTo(nextUtcMidnight().plus(Duration.ofHours(1)));
        String account = BillingApi.account("USD", "UTC", "1.00", "100.00");
        for (int i = 0; i < 5; i++) {
            BillingApi.channel(account, ChannelStatus.ACTIVE, CLOCK.instant());
        }
        CLOCK.advance(Duration.ofDays(10)); // ten days to charge: the opening day's 23 hours and nine whole ones
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int n = i;
                answers.add(pool.submit(() -> n % 3 == 2
                        ? BillingApi.post(
                                        account,
                                        "adjustments",
                                        BillingApi.map(
                                                "amount",
                                                "-0.07",
                                                "currency",
                                                "USD",
                                                "idempotencyKey",
                                                "a-" + n,
                                                "reason",
                                                "usage"))
                                .extract()
                                .statusCode()
                        : pay(account, "0.13", "USD", "p-" + (n % 150))
                                .extract()
                                .statusCode())); // keys twice each
                if (n % 30 == 0) {
                    pool.submit(chargeRun::runOnce); // charge runs among the requests, as replicas would
                }
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(WAIT)
                .untilAsserted(() -> billing(account)
                        .statusCode(200)
                        .body(
                                "chargedThrough",
                                equalTo(LocalDate.ofInstant(CLOCK.instant(), ZoneId.of("UTC"))
                                        .minusDays(1)
                                        .toString())));

        // 100.00 + 100 payments of 0.13 (200 requests, each key twice) - 100 x 0.07 - 5 channels x (0.96 + 9 x 1.00)
        assertThat(charges(account)).hasSize(50);
        assertThat(balance(account)).isEqualByComparingTo("56.20");
        try (Connection db = PaymentsTest.database();
                Statement query = db.createStatement();
                java.sql.ResultSet sums = query.executeQuery("SELECT a.balance, (SELECT sum(amount) FROM ledger_entry l"
                        + " WHERE l.account_id = a.account_id), (SELECT count(*) FROM ledger_entry l"
                        + " WHERE l.account_id = a.account_id), a.last_seq FROM account a WHERE account_id = '"
                        + account + "'")) {
            assertThat(sums.next()).isTrue();
            assertThat(sums.getBigDecimal(1))
                    .isEqualByComparingTo(sums.getBigDecimal(2))
                    .isEqualByComparingTo("56.20");
            assertThat(sums.getLong(3)).isEqualTo(1 + 100 + 100 + 50).isEqualTo(sums.getLong(4));
        }
    }

    @Test
    void aChannelKnownOnlyFromTheCompactedStateTopicIsCharged() {
        String account = BillingApi.account("USD", "UTC", "1.00", "10.00");
        String channel = UUID.randomUUID().toString();
        Instant since = CLOCK.instant().minus(Duration.ofDays(30));
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publish(
                    Topics.CHANNEL_STATE,
                    channel,
                    Streams.CHANNEL_STATE.type(),
                    new ChannelState(
                            channel,
                            account,
                            "Support",
                            "+16502530002",
                            true,
                            ChannelStatus.ACTIVE,
                            ChannelStatus.ACTIVE,
                            ChannelStatus.ACTIVE.defaultSendPolicy(),
                            ChannelStatus.ACTIVE.requiredAction(),
                            "SIM-1",
                            7,
                            since,
                            ChannelKind.WEB_SESSION,
                            null));
        }
        BillingApi.awaitChannelVersion(account, channel, 7);
        billing(account)
                .statusCode(200)
                .body("billableChannelCount", equalTo(1))
                .body("runwayDays", equalTo(10));
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(BillingApi.admin(account))
                .get("/v1/billing/channels")
                .then()
                .statusCode(200)
                .body("items[0].channelId", equalTo(channel))
                .body("items[0].charged", equalTo(true));
    }

    /** Every charge of the account: "channel day" to "amount billed/day", in minutes (the clock runs on meanwhile). */
    private static Map<String, String> charges(String account) {
        Map<String, String> charges = new TreeMap<>();
        JsonNode items = payload(ledger(account, "?kind=CHARGE&size=500")
                        .statusCode(200)
                        .extract()
                        .asString())
                .path("items");
        for (JsonNode item : items) {
            String key = item.path("channelId").asText() + " "
                    + item.path("chargeDay").asText();
            assertThat(charges).doesNotContainKey(key);
            charges.put(
                    key,
                    item.path("amount").asText() + " "
                            + Math.round(item.path("billedSeconds").asInt() / 60.0) + "/"
                            + item.path("daySeconds").asInt() / 60);
        }
        return charges;
    }

    /** An account in UTC with a channel, charged through the day it opened (at 01:00): 23 of 24 hours. */
    private record FirstDay(String account, String channel, LocalDate opened) {}

    private static FirstDay chargedThroughTheDayItOpenedInUtc() {
        moveTo(nextUtcMidnight().plus(Duration.ofHours(1)));
        String account = BillingApi.account("USD", "UTC", "24.00", "1000.00");
        String channel = BillingApi.channel(
                account, ChannelStatus.ACTIVE, CLOCK.instant().minus(Duration.ofDays(1)));
        LocalDate opened = LocalDate.ofInstant(CLOCK.instant(), ZoneId.of("UTC"));
        CLOCK.advance(Duration.ofDays(1));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> billing(account).statusCode(200).body("chargedThrough", equalTo(opened.toString())));
        return new FirstDay(account, channel, opened);
    }

    /** Moves the account to {@code zone}, then the clock by {@code later}, and waits for the next day's charge. */
    private static void chargeTheNextDayIn(FirstDay first, String zone, Duration later) {
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(BillingApi.ops())
                .contentType("application/json")
                .body(Map.of("timeZone", zone))
                .patch("/v1/accounts/" + first.account())
                .then()
                .statusCode(200);
        CLOCK.advance(later);
        await().atMost(WAIT)
                .untilAsserted(() -> billing(first.account())
                        .statusCode(200)
                        .body(
                                "chargedThrough",
                                equalTo(first.opened().plusDays(1).toString())));
    }

    private static Instant nextUtcMidnight() {
        return LocalDate.ofInstant(CLOCK.instant(), ZoneId.of("UTC"))
                .plusDays(1)
                .atStartOfDay(ZoneId.of("UTC"))
                .toInstant();
    }

    private static void moveTo(Instant at) {
        Duration ahead = Duration.between(CLOCK.instant(), at);
        if (!ahead.isNegative()) {
            CLOCK.advance(ahead);
        }
    }
}
