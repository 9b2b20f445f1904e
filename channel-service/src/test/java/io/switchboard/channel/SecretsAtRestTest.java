package io.switchboard.channel;

import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.token;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.platform.secrets.Resealer;
import io.switchboard.platform.secrets.SecretBox;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.logs.LogCapture;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A channel's webhook secret and registration PIN are sealed in the database, never written to a log line (also when
 * the database refuses the row that holds them), never shown in an error, and stay readable across a key rotation.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class SecretsAtRestTest {

    @Inject
    SecretBox box;

    @Inject
    Resealer resealer;

    @Test
    void secretsAreSealedAndNoFailedStatementWritesThemToALogOrAnAnswer() {
        String web = ChannelApi.createChannel("secrets");
        String secret = webhookSecret(web);
        String cloud = given().auth()
                .oauth2(token("secrets"))
                .contentType(ContentType.JSON)
                .body("{\"phone\":\"" + ChannelApi.freshPhone() + "\",\"name\":\"Official\",\"kind\":\"CLOUD_API\","
                        + "\"cloudPhoneNumberId\":\"" + System.nanoTime() + "\"}")
                .post("/v1/channels")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (ServiceDatabase database = ServiceDatabase.open();
                LogCapture logs = LogCapture.start()) {
            String storedSecret = database.text("SELECT webhook_secret FROM channel WHERE id = ?", web);
            String storedPin = database.text("SELECT registration_pin FROM channel WHERE id = ?", cloud);
            String pin = box.open(storedPin);
            assertThat(storedSecret).startsWith(SecretBox.PREFIX).doesNotContain(secret);
            assertThat(storedPin).startsWith(SecretBox.PREFIX);
            assertThat(pin).matches("\\d{6}");

            // The database refuses every update and insert of these rows: each statement carries the secrets.
            database.update("ALTER TABLE channel ADD CONSTRAINT test_refuses CHECK (name <> 'refused')");
            try {
                for (String id : List.of(web, cloud)) {
                    String answer = given().auth()
                            .oauth2(token("secrets"))
                            .contentType(ContentType.JSON)
                            .body("{\"name\":\"refused\"}")
                            .patch("/v1/channels/{id}", id)
                            .then()
                            .statusCode(500)
                            .contentType("application/problem+json")
                            .extract()
                            .asString();
                    assertThat(answer).doesNotContain(secret, pin, storedSecret, "refused", "channel", "constraint");
                }
                given().auth()
                        .oauth2(token("secrets"))
                        .contentType(ContentType.JSON)
                        .body("{\"phone\":\"" + ChannelApi.freshPhone() + "\",\"name\":\"refused\"}")
                        .post("/v1/channels")
                        .then()
                        .statusCode(500);
            } finally {
                database.update("ALTER TABLE channel DROP CONSTRAINT test_refuses");
            }
            assertThat(logs.linesWith("test_refuses"))
                    .as("the failures were logged")
                    .isNotEmpty();
            for (String value : List.of(secret, pin)) {
                assertThat(logs.linesWith(value)).as("log lines with a secret").isEmpty();
            }
            // Not even sealed: the service logs no value of a refused row (the database server's own log may).
            for (String value : List.of(storedSecret, storedPin, SecretBox.PREFIX)) {
                assertThat(logs.serviceLinesWith(value))
                        .as("the service's log lines with a sealed secret")
                        .isEmpty();
            }
        }
        health(web, secret, "AUTH", 5).statusCode(200); // the sealed secret still authenticates its webhooks
    }

    @Test
    void aSecretStoredBeforeSealingOrWithAnOldKeyIsResealedAndStillWorks() {
        String id = ChannelApi.createChannel("secrets");
        String secret = webhookSecret(id);
        String other = ChannelApi.createChannel("secrets");
        String otherSecret = webhookSecret(other);
        // The second key of the tests' setting, alone: the key being rotated out.
        String keys = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("switchboard.secrets.keys", String.class);
        SecretBox retired = SecretBox.of(keys.substring(keys.indexOf(',') + 1));
        try (ServiceDatabase database = ServiceDatabase.open()) {
            database.update("UPDATE channel SET webhook_secret = ? WHERE id = ?", secret, id); // as before sealing
            database.update("UPDATE channel SET webhook_secret = ? WHERE id = ?", retired.seal(otherSecret), other);
            assertThat(resealer.stale()).isGreaterThanOrEqualTo(2);
            assertThat(resealer.resealAll()).isPositive();
            assertThat(resealer.stale()).isZero();
            for (String resealed : List.of(id, other)) {
                assertThat(database.text("SELECT webhook_secret FROM channel WHERE id = ?", resealed))
                        .startsWith(SecretBox.PREFIX + box.sealingKeyId() + ":");
            }
        }
        health(id, secret, "AUTH", 5).statusCode(200);
        health(other, otherSecret, "AUTH", 5).statusCode(200);
    }
}
