package io.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.matrix.AccountRows;
import io.switchboard.testkit.matrix.BadInputMatrix;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the API, from its OpenAPI document, answers bad input with a 4xx problem and stores nothing
 * (see {@link BadInputMatrix}); the operators' operations (opening and changing accounts, money in and out) are probed
 * with an operator's token, the others with the account's own.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class BadInputMatrixTest {

    private static final Set<String> OPERATORS = Set.of(
            "POST /v1/accounts",
            "GET /v1/accounts",
            "PATCH /v1/accounts/{accountId}",
            "POST /v1/accounts/{accountId}/payments",
            "POST /v1/accounts/{accountId}/refunds",
            "POST /v1/accounts/{accountId}/adjustments");

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyOperationRefusesBadInputWithAProblemAndStoresNothing() throws Exception {
        String account = BillingApi.account("EUR", "Europe/Berlin", "1.00", "100.00");
        String entry = BillingApi.ledger(account, "").statusCode(200).extract().path("items[0].entryId");
        var tokens = TestInfrastructure.get().tokens();
        String money = "{\"amount\":\"5.00\",\"currency\":\"EUR\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"";
        BadInputMatrix.Setup setup = new BadInputMatrix.Setup(
                URI.create(base.toString()),
                tokens.token(account),
                tokens.token("matrix-other"),
                tokens.expiredToken(account),
                Map.of("accountId", account, "entryId", entry),
                Map.of(
                        "POST /v1/accounts",
                        BillingApi.JSON.readTree(
                                "{\"id\":\"" + BillingApi.newAccountId()
                                        + "\",\"name\":\"New\",\"currency\":\"EUR\",\"timeZone\":\"Europe/Berlin\",\"tariff\":\"1.00\"}"),
                        "PATCH /v1/accounts/{accountId}",
                        BillingApi.JSON.readTree("{\"name\":\"Renamed\"}"),
                        "POST /v1/accounts/{accountId}/payments",
                        BillingApi.JSON.readTree(money + "}"),
                        "POST /v1/accounts/{accountId}/refunds",
                        BillingApi.JSON.readTree(money + ",\"reason\":\"r\"}"),
                        "POST /v1/accounts/{accountId}/adjustments",
                        BillingApi.JSON.readTree(money + ",\"reason\":\"r\"}")),
                Set.of(),
                operation -> !OPERATORS.contains(operation),
                AccountRows.of(account, Set.of()));
        BadInputMatrix.Report report = new BadInputMatrix(setup).run();
        BadInputMatrix.Report operators = new BadInputMatrix(setup.as(BillingApi.ops(), OPERATORS::contains)).run();

        String summary = "Bad-input matrix of billing-service: " + report.summary() + "\nwith an operator's token: "
                + operators.summary();
        System.out.println(summary);
        assertThat(report.operations()).hasSizeGreaterThan(3);
        assertThat(operators.operations()).hasSize(OPERATORS.size());
        assertThat(report.findings().isEmpty()
                        && report.schemaFindings().isEmpty()
                        && operators.findings().isEmpty()
                        && operators.schemaFindings().isEmpty())
                .as(summary)
                .isTrue();
    }
}
