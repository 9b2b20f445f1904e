package io.switchboard.billing;

import static io.restassured.RestAssured.given;
import static io.switchboard.billing.BillingApi.PROBLEM;
import static io.switchboard.billing.BillingApi.WAIT;
import static io.switchboard.billing.BillingApi.admin;
import static io.switchboard.billing.BillingApi.balance;
import static io.switchboard.billing.BillingApi.ledger;
import static io.switchboard.billing.BillingApi.map;
import static io.switchboard.billing.BillingApi.pay;
import static io.switchboard.billing.BillingApi.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payments, refunds and adjustments: each applied once per key, validated, and the account's state follows. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class PaymentsTest {

    @Test
    void aRepeatedPaymentIsAppliedOnceAndAnsweredTheSame() {
        String account = BillingApi.account("USD", "UTC", "1.00", "0");
        String first = pay(account, "25.00", "USD", "pay-1")
                .statusCode(201)
                .body("entry.kind", equalTo("PAYMENT"))
                .body("entry.amount", equalTo("25.00"))
                .body("entry.balanceAfter", equalTo("25.00"))
                .body("balance", equalTo("25.00"))
                .extract()
                .path("entry.entryId");
        pay(account, "25.00", "USD", "pay-1")
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("entry.entryId", equalTo(first))
                .body("balance", equalTo("25.00"));
        pay(account, "25", "USD", "pay-1").statusCode(201).body("entry.entryId", equalTo(first)); // the same amount

        pay(account, "30.00", "USD", "pay-1")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", containsString("idempotency-key-reused"))
                .body("entryId", equalTo(first));

        assertThat(balance(account)).isEqualByComparingTo("25.00");
        ledger(account, "?kind=PAYMENT").statusCode(200).body("items", hasSize(1));
        given().auth()
                .oauth2(admin(account))
                .get("/v1/accounts/" + account + "/ledger/" + first)
                .then()
                .statusCode(200)
                .body("idempotencyKey", equalTo("pay-1"));
    }

    @Test
    void badPaymentsAreRefusedAndChangeNothing() {
        String account = BillingApi.account("USD", "UTC", "1.00", "5.00");
        for (String amount : List.of("0", "0.00", "-5.00", "25.001", "1e3", " 5", "5,00", "")) {
            pay(account, amount, "USD", "bad-" + amount)
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("detail", containsString("amount"));
        }
        pay(account, "5.00", "EUR", "bad-currency")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("USD"));
        post(account, "payments", map("amount", "5.00", "currency", "USD"))
                .statusCode(400)
                .contentType(PROBLEM);
        post(account, "payments", map("amount", "5.00", "currency", "USD", "idempotencyKey", "k", "note", "x"))
                .statusCode(400)
                .contentType(PROBLEM);
        // an account administrator does not record money
        given().auth()
                .oauth2(admin(account))
                .contentType(ContentType.JSON)
                .body(map("amount", "5.00", "currency", "USD", "idempotencyKey", "self"))
                .post("/v1/accounts/" + account + "/payments")
                .then()
                .statusCode(403);
        pay("nobody-" + account, "5.00", "USD", "k").statusCode(404).contentType(PROBLEM);

        assertThat(balance(account)).isEqualByComparingTo("5.00");
        ledger(account, "")
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].kind", equalTo("ADJUSTMENT"))
                .body("items[0].reason", equalTo("opening balance"));
    }

    @Test
    void refundsAndAdjustmentsNeedAReasonAndARefundNeverExceedsTheBalance() {
        String account = BillingApi.account("EUR", "Europe/Berlin", "1.00", "20.00");
        post(account, "refunds", map("amount", "5.00", "currency", "EUR", "idempotencyKey", "r1"))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("reason"));
        post(
                        account,
                        "refunds",
                        map("amount", "20.01", "currency", "EUR", "idempotencyKey", "r1", "reason", "too much"))
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", containsString("refund-exceeds-balance"));
        post(account, "refunds", map("amount", "5.00", "currency", "EUR", "idempotencyKey", "r1", "reason", "goodwill"))
                .statusCode(201)
                .body("entry.amount", equalTo("-5.00"))
                .body("balance", equalTo("15.00"));
        post(
                        account,
                        "adjustments",
                        map("amount", "-2.50", "currency", "EUR", "idempotencyKey", "a1", "reason", "correction"))
                .statusCode(201)
                .body("balance", equalTo("12.50"));
        post(
                        account,
                        "adjustments",
                        map("amount", "0.00", "currency", "EUR", "idempotencyKey", "a2", "reason", "nothing"))
                .statusCode(400)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(admin(account))
                .contentType(ContentType.JSON)
                .body(map("amount", "1.00", "currency", "EUR", "idempotencyKey", "a3", "reason", "self"))
                .post("/v1/accounts/" + account + "/adjustments")
                .then()
                .statusCode(403);

        ledger(account, "?kind=REFUND")
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].reason", equalTo("goodwill"));
        ledger(account, "")
                .statusCode(200)
                .body("items.kind", equalTo(List.of("ADJUSTMENT", "REFUND", "ADJUSTMENT")))
                .body("items.seq", equalTo(List.of(3, 2, 1)));
        ledger(account, "?kind=BONUS").statusCode(400).contentType(PROBLEM);
        ledger(account, "?from=yesterday").statusCode(400).contentType(PROBLEM);
        ledger(account, "?from=2030-01-01T00:00:00Z").statusCode(200).body("items", hasSize(0));
    }

    @Test
    void everyStateChangeIsAnnouncedOnceWithAGrowingVersion() {
        Instant now = Instant.now();
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.BILLING_ACCOUNT)) {
            String account = BillingApi.account("USD", "UTC", "1.00", "0"); // NOT_PAID
            // two enabled channels (NOT_PAID while the account is) cost 2.00 a day; LOW_BALANCE under 3 days
            BillingApi.channel(account, ChannelStatus.NOT_PAID, now);
            BillingApi.channel(account, ChannelStatus.NOT_PAID, now);
            pay(account, "4.00", "USD", "p1").statusCode(201).body("state", equalTo("LOW_BALANCE")); // 2 days
            pay(account, "2.00", "USD", "p2").statusCode(201).body("state", equalTo("PAID")); // 3 days
            pay(account, "1.00", "USD", "p3").statusCode(201).body("state", equalTo("PAID")); // no change
            post(
                            account,
                            "adjustments",
                            map("amount", "-7.00", "currency", "USD", "idempotencyKey", "a1", "reason", "chargeback"))
                    .statusCode(201)
                    .body("state", equalTo("NOT_PAID"));

            await().atMost(WAIT).until(() -> topics.on(Topics.BILLING_ACCOUNT, account), list -> list.size() >= 4);
            assertThat(topics.on(Topics.BILLING_ACCOUNT, account).stream()
                            .map(BillingApi::payload)
                            .map(e -> e.path("version").asLong() + " "
                                    + e.path("state").asText() + " "
                                    + e.path("balance").asText() + " "
                                    + (e.path("runwayDays").isNumber()
                                            ? e.path("runwayDays").asText()
                                            : "-"))
                            .toList())
                    .containsExactly("1 NOT_PAID 0.00 -", "2 LOW_BALANCE 4.00 2", "3 PAID 6.00 3", "4 NOT_PAID 0.00 0");
        }
    }

    @Test
    void theLedgerCannotBeChangedOrBrokenEvenFromTheDatabase() throws Exception {
        String account = BillingApi.account("USD", "UTC", "1.00", "10.00");
        try (Connection db = database();
                Statement statement = db.createStatement()) {
            assertRefused(statement, "UPDATE ledger_entry SET amount = 1000 WHERE account_id = '" + account + "'");
            assertRefused(statement, "DELETE FROM ledger_entry WHERE account_id = '" + account + "'");
            assertRefused(
                    statement,
                    "INSERT INTO ledger_entry (account_id, seq, entry_id, kind, amount, currency,"
                            + " balance_after, idempotency_key, fingerprint, created_at) VALUES ('" + account + "', 2,"
                            + " gen_random_uuid(), 'PAYMENT', 5, 'USD', 99, 'forged', 'x', now())");
        }
        assertThat(balance(account)).isEqualByComparingTo("10.00");
    }

    private static void assertRefused(Statement statement, String sql) {
        try {
            statement.executeUpdate(sql);
            throw new AssertionError("The database accepted: " + sql);
        } catch (SQLException expected) {
            assertThat(expected.getMessage()).containsAnyOf("never changed", "is not");
        }
    }

    static Connection database() throws SQLException {
        var database = TestInfrastructure.get().database();
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
