package io.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.auth.TokenIssuer;
import io.switchboard.testkit.matrix.AccountRows;
import io.switchboard.testkit.matrix.BadInputMatrix;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the API, from its OpenAPI document, answers bad input with a 4xx problem and stores nothing
 * (see {@link BadInputMatrix}); the operators' operations are probed with an operator's token.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class BadInputMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPS = "/v1/ops/";

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyOperationRefusesBadInputWithAProblemAndStoresNothing() throws Exception {
        String account = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        var tokens = TestInfrastructure.get().tokens();
        String curator = given().auth()
                .oauth2(tokens.token(account))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Desk\",\"email\":\"desk@example.com\"}")
                .post("/v1/curators")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        BadInputMatrix.Setup setup = new BadInputMatrix.Setup(
                URI.create(base.toString()),
                tokens.token(account),
                tokens.token("matrix-other"),
                tokens.expiredToken(account),
                Map.of(
                        "id",
                        curator,
                        "accountId",
                        account,
                        "channelId",
                        UUID.randomUUID().toString(),
                        "deliveryId",
                        UUID.randomUUID().toString()),
                Map.of(
                        "POST /v1/curators",
                        JSON.readTree("{\"name\":\"Desk 2\",\"email\":\"desk2@example.com\"}"),
                        "PUT /v1/curators/{id}",
                        JSON.readTree("{\"name\":\"Desk\",\"email\":\"desk@example.com\"}")),
                Set.of(),
                operation -> !operation.contains(OPS),
                AccountRows.of(account, Set.of()));
        BadInputMatrix.Report report = new BadInputMatrix(setup).run();
        BadInputMatrix.Report operators = new BadInputMatrix(setup.as(
                        tokens.token("platform", Set.of(TokenIssuer.OPS), Duration.ofHours(1)),
                        operation -> operation.contains(OPS)))
                .run();

        System.out.println("Bad-input matrix of notification-service: " + report.summary()
                + "\nwith an operator's token: " + operators.summary());
        assertThat(report.operations()).hasSizeGreaterThan(8);
        assertThat(operators.operations()).isNotEmpty();
        assertThat(report.schemaFindings()).as(report.summary()).isEmpty();
        assertThat(report.findings()).as(report.summary()).isEmpty();
        assertThat(operators.schemaFindings()).as(operators.summary()).isEmpty();
        assertThat(operators.findings()).as(operators.summary()).isEmpty();
    }
}
