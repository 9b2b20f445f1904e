package io.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.platform.secrets.SecretBox;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.logs.LogCapture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A curator's webhook secrets (the current one and the one it replaced) are sealed in the database and never written
 * to a log line, also when the database refuses the row that holds them.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class SecretsAtRestTest {

    @Test
    void curatorsSecretsAreSealedAndNoFailedStatementWritesThemToALog() throws SQLException {
        String account = "secrets-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestInfrastructure.get().tokens().token(account);
        var created = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Desk\",\"webhookUrl\":\"https://hooks.example.com/switchboard\"}")
                .post("/v1/curators")
                .then()
                .statusCode(201)
                .extract();
        String id = created.path("id");
        String first = created.path("webhookSecret");
        String second = given().auth()
                .oauth2(token)
                .post("/v1/curators/{id}/webhook-secret/rotate", id)
                .then()
                .statusCode(200)
                .extract()
                .path("webhookSecret");
        try (Connection database = TestInfrastructure.get().database().connect();
                LogCapture logs = LogCapture.start()) {
            String stored = text(
                    database,
                    "SELECT webhook_secret || ' ' || previous_webhook_secret FROM curator WHERE id = ?::uuid",
                    id);
            assertThat(stored)
                    .doesNotContain(first.substring(6), second.substring(6))
                    .contains(SecretBox.PREFIX);
            run(database, "ALTER TABLE curator ADD CONSTRAINT test_refuses CHECK (name <> 'refused')");
            try {
                String answer = given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body("{\"name\":\"refused\",\"webhookUrl\":\"https://hooks.example.com/switchboard\"}")
                        .put("/v1/curators/{id}", id)
                        .then()
                        .statusCode(500)
                        .contentType("application/problem+json")
                        .extract()
                        .asString();
                assertThat(answer).doesNotContain(first, second, "constraint", "curator");
            } finally {
                run(database, "ALTER TABLE curator DROP CONSTRAINT test_refuses");
            }
            assertThat(logs.linesWith("test_refuses"))
                    .as("the failure was logged")
                    .isNotEmpty();
            for (String value : List.of(first.substring(6), second.substring(6))) {
                assertThat(logs.linesWith(value)).as("log lines with a secret").isEmpty();
            }
            // Not even sealed: the service logs no value of a refused row (the database server's own log may).
            assertThat(logs.serviceLinesWith(SecretBox.PREFIX))
                    .as("the service's log lines with a sealed secret")
                    .isEmpty();
        }
    }

    private static String text(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
