package io.switchboard.billing;

import static io.restassured.RestAssured.given;
import static io.switchboard.billing.BillingApi.PROBLEM;
import static io.switchboard.billing.BillingApi.WAIT;
import static io.switchboard.billing.BillingApi.admin;
import static io.switchboard.billing.BillingApi.billing;
import static io.switchboard.billing.BillingApi.create;
import static io.switchboard.billing.BillingApi.map;
import static io.switchboard.billing.BillingApi.newAccountId;
import static io.switchboard.billing.BillingApi.ops;
import static io.switchboard.billing.BillingApi.pay;
import static io.switchboard.billing.BillingApi.payload;
import static io.switchboard.billing.BillingApi.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Accounts: ops opens, lists and changes them; an account administrator reads only its own. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class AccountApiTest {

    @Test
    void anAccountOpensWithItsBalanceAndStateAndTellsTheOthersItsTimeZone() throws Exception {
        String id = newAccountId();
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.BILLING_ACCOUNT)) {
            create(map(
                            "id",
                            id,
                            "name",
                            "Acme",
                            "currency",
                            "EUR",
                            "timeZone",
                            "Europe/Berlin",
                            "tariff",
                            "1.50",
                            "openingBalance",
                            "30.00"))
                    .statusCode(201)
                    .header("Location", containsString("/v1/accounts/" + id))
                    .body("accountId", equalTo(id))
                    .body("balance", equalTo("30.00"))
                    .body("tariff", equalTo("1.50"))
                    .body("lowBalanceRunwayDays", equalTo(3))
                    .body("state", equalTo("PAID"))
                    .body("runwayDays", nullValue()); // no channel yet: nothing is charged

            List<ConsumerRecord<String, String>> events =
                    await().atMost(WAIT).until(() -> topics.on(Topics.BILLING_ACCOUNT, id), list -> list.size() == 1);
            JsonNode event = payload(events.get(0));
            assertThat(event.path("state").asText()).isEqualTo("PAID");
            assertThat(event.path("balance").asText()).isEqualTo("30.00");
            assertThat(event.path("currency").asText()).isEqualTo("EUR");
            assertThat(event.path("timeZone").asText()).isEqualTo("Europe/Berlin");
            assertThat(event.path("version").asLong()).isEqualTo(1);
            assertThat(TopicRecorder.header(events.get(0), "ce_type"))
                    .contains("io.switchboard.billing.account-changed.v1");

            // its administrator reads it; a time zone change is announced with the next version
            given().auth()
                    .oauth2(admin(id))
                    .get("/v1/accounts/" + id)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("Acme"));
            given().auth()
                    .oauth2(ops())
                    .contentType(ContentType.JSON)
                    .body(map("timeZone", "America/New_York"))
                    .patch("/v1/accounts/" + id)
                    .then()
                    .statusCode(200)
                    .body("timeZone", equalTo("America/New_York"));
            await().atMost(WAIT).until(() -> topics.on(Topics.BILLING_ACCOUNT, id), list -> list.size() == 2);
            JsonNode moved = payload(topics.on(Topics.BILLING_ACCOUNT, id).get(1));
            assertThat(moved.path("timeZone").asText()).isEqualTo("America/New_York");
            assertThat(moved.path("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void anAccountWithoutMoneyOpensNotPaid() {
        String id = newAccountId();
        create(map("id", id, "name", "Broke", "currency", "USD", "timeZone", "UTC", "tariff", "1.00"))
                .statusCode(201)
                .body("balance", equalTo("0.00"))
                .body("state", equalTo("NOT_PAID"));
        billing(id).statusCode(200).body("state", equalTo("NOT_PAID")).body("balance", equalTo("0.00"));
        // operators see it among the accounts by state
        await().atMost(WAIT).until(() -> notPaidAccounts() >= 1);
    }

    private static double notPaidAccounts() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("switchboard_billing_accounts{") && line.contains("state=\"NOT_PAID\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aTakenIdIsAConflictAndChangesNothing() {
        String id = newAccountId();
        create(map(
                        "id",
                        id,
                        "name",
                        "First",
                        "currency",
                        "USD",
                        "timeZone",
                        "UTC",
                        "tariff",
                        "1.00",
                        "openingBalance",
                        "5.00"))
                .statusCode(201);
        create(map("id", id, "name", "Second", "currency", "EUR", "timeZone", "UTC", "tariff", "2.00"))
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", containsString("account-exists"));
        given().auth()
                .oauth2(ops())
                .get("/v1/accounts/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("First"))
                .body("currency", equalTo("USD"))
                .body("balance", equalTo("5.00"));
    }

    @Test
    void badAccountsAreRefusedWithTheFieldAtFault() {
        Map<String, Object> good = map("name", "Acme", "currency", "USD", "timeZone", "UTC", "tariff", "1.00");
        refused(with(good, "currency", "usd"), "currency");
        refused(with(good, "currency", "XYZ"), "currency");
        refused(with(good, "currency", "XAU"), "currency"); // gold has no decimal scale
        refused(with(good, "timeZone", "Mars/Olympus"), "timeZone");
        refused(with(good, "tariff", "1.005"), "tariff"); // USD has two decimals
        refused(with(good, "tariff", "-1.00"), "tariff");
        refused(with(good, "tariff", "1e2"), "tariff");
        refused(with(good, "openingBalance", "ten"), "openingBalance");
        refused(with(good, "id", "has spaces"), "id");
        refused(with(good, "lowBalanceRunwayDays", -1), "lowBalanceRunwayDays");
        refused(with(good, "name", " "), "name");
        create(with(good, "tarif", "1.00")).statusCode(400).contentType(PROBLEM); // a typo is not ignored
        given().auth()
                .oauth2(ops())
                .contentType(ContentType.JSON)
                .body("{\"name\":")
                .post("/v1/accounts")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        // a JPY tariff has no decimals
        create(map("name", "Tokyo", "currency", "JPY", "timeZone", "Asia/Tokyo", "tariff", "150"))
                .statusCode(201)
                .body("tariff", equalTo("150"))
                .body("balance", equalTo("0"));
    }

    @Test
    void onlyOpsOpensListsAndChangesAccountsAndAnAdministratorSeesOnlyItsOwn() {
        String mine = BillingApi.account("USD", "UTC", "1.00", "10.00");
        String theirs = BillingApi.account("USD", "UTC", "1.00", "99.00");
        given().auth()
                .oauth2(admin(mine))
                .contentType(ContentType.JSON)
                .body(map("name", "Mine", "currency", "USD", "timeZone", "UTC", "tariff", "0.00"))
                .post("/v1/accounts")
                .then()
                .statusCode(403);
        given().auth().oauth2(admin(mine)).get("/v1/accounts").then().statusCode(403);
        given().auth()
                .oauth2(admin(mine))
                .contentType(ContentType.JSON)
                .body(map("tariff", "0.00"))
                .patch("/v1/accounts/" + mine)
                .then()
                .statusCode(403);
        for (String path : List.of("", "/billing", "/ledger")) {
            given().auth()
                    .oauth2(admin(mine))
                    .get("/v1/accounts/" + theirs + path)
                    .then()
                    .statusCode(404)
                    .contentType(PROBLEM);
        }
        given().get("/v1/accounts/" + mine).then().statusCode(401);
        given().auth()
                .oauth2(ops())
                .get("/v1/accounts?size=500")
                .then()
                .statusCode(200)
                .body("items.accountId", hasItem(mine))
                .body("items.accountId", hasItem(theirs));
        given().auth()
                .oauth2(ops())
                .get("/v1/accounts?size=0")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void theCurrencyNeverChangesAndAChangeIsValidated() {
        String id = BillingApi.account("USD", "UTC", "1.00", "10.00");
        for (Map<String, Object> change : List.of(
                map("currency", "EUR"),
                map("timeZone", "Nowhere"),
                map("tariff", "0.001"),
                map("lowBalanceRunwayDays", 400))) {
            given().auth()
                    .oauth2(ops())
                    .contentType(ContentType.JSON)
                    .body(change)
                    .patch("/v1/accounts/" + id)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM);
        }
        given().auth()
                .oauth2(ops())
                .contentType(ContentType.JSON)
                .body(map("tariff", "2.50", "lowBalanceRunwayDays", 7))
                .patch("/v1/accounts/" + id)
                .then()
                .statusCode(200)
                .body("tariff", equalTo("2.50"))
                .body("lowBalanceRunwayDays", equalTo(7))
                .body("currency", equalTo("USD"));
        given().auth()
                .oauth2(ops())
                .contentType(ContentType.JSON)
                .body(map("tariff", "1.00"))
                .patch("/v1/accounts/nobody-" + id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void laxInputIsRefusedAndChangesNothing() {
        Map<String, Object> good = map("name", "Acme", "currency", "USD", "timeZone", "UTC", "tariff", "1.00");
        for (String id : List.of(".", "..", "-leading-dash", "a".repeat(65))) {
            refused(with(good, "id", id), "id");
        }
        refused(with(good, "name", "Acme\u001b[31m red"), "name");
        refused(with(good, "name", "two\nlines"), "name");
        // money is a string: a JSON number is not read as one
        create(with(good, "tariff", 1e3)).statusCode(400).contentType(PROBLEM).body("detail", containsString("tariff"));
        create(with(good, "lowBalanceRunwayDays", 1.5)).statusCode(400).contentType(PROBLEM);
        create(with(good, "lowBalanceRunwayDays", "3")).statusCode(400).contentType(PROBLEM);
        given().auth()
                .oauth2(ops())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Acme\",\"currency\":\"USD\",\"timeZone\":\"UTC\",\"tariff\":\"1.00\"} trailing")
                .post("/v1/accounts")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        String id = BillingApi.account("USD", "UTC", "1.00", "10.00");
        for (Map<String, Object> change : List.of(map("name", " "), map("name", ""), map("name", "a\u0000b"))) {
            given().auth()
                    .oauth2(ops())
                    .contentType(ContentType.JSON)
                    .body(change)
                    .patch("/v1/accounts/" + id)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM);
        }
        given().auth()
                .oauth2(ops())
                .get("/v1/accounts/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Account " + id));
    }

    @Test
    void aBalanceTheLedgerCannotKeepAndInstantsItCannotHoldAreRefused() {
        String id = BillingApi.account("USD", "UTC", "1.00", "10.00");
        pay(id, "999999999999999.00", "USD", "big-" + id)
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", containsString("balance-out-of-range"));
        post(
                        id,
                        "adjustments",
                        map(
                                "amount",
                                "-999999999999999.00",
                                "currency",
                                "USD",
                                "idempotencyKey",
                                "low-" + id,
                                "reason",
                                "test"))
                .statusCode(201);
        post(
                        id,
                        "adjustments",
                        map(
                                "amount",
                                "-999999999999999.00",
                                "currency",
                                "USD",
                                "idempotencyKey",
                                "lower-" + id,
                                "reason",
                                "test"))
                .statusCode(409)
                .contentType(PROBLEM);
        for (String instant : List.of("%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z")) {
            given().urlEncodingEnabled(false)
                    .auth()
                    .oauth2(admin(id))
                    .get("/v1/accounts/" + id + "/ledger?from=" + instant)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM);
        }
        given().auth()
                .oauth2(admin(id))
                .get("/v1/accounts/" + id + "/ledger?page=2147483647")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        BillingApi.billing(id).statusCode(200).body("balance", equalTo("-999999999999989.00"));
    }

    private static void refused(Map<String, Object> body, String field) {
        create(body).statusCode(400).contentType(PROBLEM).body("violations.field", hasItem(containsString(field)));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
