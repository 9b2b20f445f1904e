package io.switchboard.simulator;

import static io.restassured.RestAssured.given;
import static io.switchboard.simulator.Simulator.API_KEY;
import static io.switchboard.simulator.Simulator.control;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Meta's webhooks of a Cloud API number (docs/product/cloud-api-standing.md), as Meta posts them to the app's callback
 * URL: signed with the app secret, one entry of the business account per change; and the number's health status.
 */
@QuarkusTest
class MetaWebhooksTest {

    @RegisterExtension
    static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @AfterEach
    void noCallback() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .put("/control/meta/webhook")
                .then()
                .statusCode(200);
    }

    @Test
    void eachChangeOfStandingIsPostedSignedWithTheAppSecret() {
        String path = RECEIVER.newPath();
        given().contentType(ContentType.JSON)
                .body(Map.of("url", RECEIVER.url(path)))
                .put("/control/meta/webhook")
                .then()
                .statusCode(200)
                .body("url", equalTo(RECEIVER.url(path)));
        control(
                        "/control/cloud-numbers",
                        Map.of(
                                "phoneNumberId",
                                "2000000001",
                                "phone",
                                "+14155550601",
                                "code",
                                "123456",
                                "businessAccountId",
                                "102290129340398"))
                .then()
                .statusCode(201);

        meta("2000000001", "quality", Map.of("event", "DOWNGRADE", "limit", "TIER_250"));
        meta(
                "2000000001",
                "restriction",
                Map.of("restrictions", List.of("RESTRICTED_BIZ_INITIATED_MESSAGING"), "until", "2026-12-09T10:00:00Z"));
        meta("2000000001", "violation", Map.of("type", "SCAM"));
        meta("2000000001", "ban", Map.of("state", "DISABLE"));

        await().until(() -> RECEIVER.requests(path).size() == 4);
        List<LoggedRequest> posted = RECEIVER.requests(path);
        for (LoggedRequest request : posted) {
            assertThat(request.getHeader("X-Hub-Signature-256"))
                    .isEqualTo(sign(request.getBodyAsString(), "local-meta-app-secret"));
        }
        List<JsonNode> bodies = RECEIVER.bodies(path);
        JsonNode quality = bodies.get(0);
        assertThat(quality.path("object").asText()).isEqualTo("whatsapp_business_account");
        assertThat(quality.at("/entry/0/id").asText()).isEqualTo("102290129340398");
        assertThat(quality.at("/entry/0/changes/0/field").asText()).isEqualTo("phone_number_quality_update");
        assertThat(quality.at("/entry/0/changes/0/value/display_phone_number").asText())
                .isEqualTo("14155550601");
        assertThat(quality.at("/entry/0/changes/0/value/event").asText()).isEqualTo("DOWNGRADE");
        assertThat(quality.at("/entry/0/changes/0/value/current_limit").asText())
                .isEqualTo("TIER_250");
        JsonNode restriction = bodies.get(1).at("/entry/0/changes/0");
        assertThat(restriction.path("field").asText()).isEqualTo("account_update");
        assertThat(restriction.at("/value/event").asText()).isEqualTo("ACCOUNT_RESTRICTION");
        assertThat(restriction.at("/value/restriction_info/0/restriction_type").asText())
                .isEqualTo("RESTRICTED_BIZ_INITIATED_MESSAGING");
        assertThat(restriction.at("/value/restriction_info/0/expiration").asLong())
                .isEqualTo(1_796_810_400L);
        assertThat(bodies.get(2)
                        .at("/entry/0/changes/0/value/violation_info/violation_type")
                        .asText())
                .isEqualTo("SCAM");
        assertThat(bodies.get(3)
                        .at("/entry/0/changes/0/value/ban_info/waba_ban_state")
                        .asText())
                .isEqualTo("DISABLE");
    }

    @Test
    void aCloudNumbersSendsGetMetasStatusesAndAClientsMessageIsPosted() {
        String path = callbackHere();
        registered(Map.of("phoneNumberId", "2000000003", "phone", "+14155550603", "code", "123456"));

        String wamid = given().contentType(ContentType.JSON)
                .auth()
                .oauth2(API_KEY)
                .body(Map.of(
                        "messaging_product",
                        "whatsapp",
                        "to",
                        "+14155550699",
                        "type",
                        "text",
                        "text",
                        Map.of("body", "hi")))
                .post("/cloud/v1/2000000003/messages")
                .then()
                .statusCode(200)
                .extract()
                .path("messages[0].id");
        await().until(() -> RECEIVER.bodies(path).size() >= 2);
        List<JsonNode> statuses = RECEIVER.bodies(path).stream()
                .map(body -> body.at("/entry/0/changes/0/value"))
                .toList();
        assertThat(statuses).allSatisfy(value -> {
            assertThat(value.at("/metadata/phone_number_id").asText()).isEqualTo("2000000003");
            assertThat(value.at("/statuses/0/id").asText()).isEqualTo(wamid);
            assertThat(value.at("/statuses/0/recipient_id").asText()).isEqualTo("14155550699");
        });
        assertThat(statuses)
                .extracting(value -> value.at("/statuses/0/status").asText())
                .containsExactly("sent", "delivered");

        given().contentType(ContentType.JSON)
                .body(Map.of("from", "+14155550698", "text", "a question"))
                .post("/control/cloud-numbers/2000000003/meta/inbound")
                .then()
                .statusCode(200);
        await().until(() -> RECEIVER.bodies(path).size() == 3);
        JsonNode inbound = RECEIVER.bodies(path).get(2).at("/entry/0/changes/0");
        assertThat(inbound.path("field").asText()).isEqualTo("messages");
        assertThat(inbound.at("/value/messages/0/from").asText()).isEqualTo("14155550698");
        assertThat(inbound.at("/value/messages/0/text/body").asText()).isEqualTo("a question");
        assertThat(inbound.at("/value/messages/0/id").asText()).startsWith("wamid.");
    }

    @Test
    void theHealthStatusAnswersWhatWasScripted() {
        control("/control/cloud-numbers", Map.of("phoneNumberId", "2000000002", "code", "123456"))
                .then()
                .statusCode(201);
        health("2000000002")
                .body("health_status.can_send_message", equalTo("AVAILABLE"))
                .body("quality_rating", equalTo("GREEN"))
                .body("messaging_limit_tier", equalTo("TIER_1K"));

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "canSendMessage",
                        "BLOCKED",
                        "errors",
                        List.of("The business is not verified"),
                        "quality",
                        "RED"))
                .put("/control/cloud-numbers/2000000002/meta/health")
                .then()
                .statusCode(200);
        health("2000000002")
                .body("health_status.can_send_message", equalTo("BLOCKED"))
                .body("health_status.entities[0].errors[0].error_description", equalTo("The business is not verified"))
                .body("quality_rating", equalTo("RED"));

        // Without a business account, account_update cannot name one; without a callback URL nothing is posted.
        given().contentType(ContentType.JSON)
                .body(Map.of("state", "DISABLE"))
                .post("/control/cloud-numbers/2000000002/meta/ban")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("event", "FLAGGED"))
                .post("/control/cloud-numbers/2000000002/meta/quality")
                .then()
                .statusCode(400);
    }

    @Test
    void aTemplateMetaPausesIsPostedAndItsMessagesRefusedUntilMetaReinstatesIt() {
        String path = callbackHere();
        registered(Map.of(
                "phoneNumberId",
                "2000000004",
                "phone",
                "+14155550604",
                "code",
                "123456",
                "businessAccountId",
                "3000000004"));

        meta(
                "2000000004",
                "template",
                Map.of("name", "order_update", "language", "en_US", "event", "PAUSED", "reason", "low quality"));
        await().until(() -> RECEIVER.bodies(path).size() == 1);
        JsonNode entry = RECEIVER.bodies(path).get(0).at("/entry/0");
        assertThat(entry.path("id").asText()).isEqualTo("3000000004");
        assertThat(entry.at("/changes/0/field").asText()).isEqualTo("message_template_status_update");
        assertThat(entry.at("/changes/0/value/event").asText()).isEqualTo("PAUSED");
        assertThat(entry.at("/changes/0/value/message_template_name").asText()).isEqualTo("order_update");
        assertThat(entry.at("/changes/0/value/message_template_language").asText())
                .isEqualTo("en_US");
        assertThat(entry.at("/changes/0/value/reason").asText()).isEqualTo("low quality");

        sendTemplate("2000000004", "en_US").statusCode(400).body("error.code", org.hamcrest.Matchers.equalTo(132015));
        sendTemplate("2000000004", "de").statusCode(200); // another language: approved

        meta("2000000004", "template", Map.of("name", "order_update", "language", "en_US", "event", "REINSTATED"));
        sendTemplate("2000000004", "en_US").statusCode(200);
        // both statuses of both sends arrive here (not at the next test's callback URL)
        await().until(() -> RECEIVER.bodies(path).size() == 6);
    }

    private static io.restassured.response.ValidatableResponse sendTemplate(String number, String language) {
        return given().contentType(ContentType.JSON)
                .auth()
                .oauth2(API_KEY)
                .body(Map.of(
                        "messaging_product",
                        "whatsapp",
                        "to",
                        "+14155550699",
                        "type",
                        "template",
                        "template",
                        Map.of("name", "order_update", "language", Map.of("code", language))))
                .post("/cloud/v1/" + number + "/messages")
                .then();
    }

    /** Meta's webhooks of the app go to a new path of the receiver: returns it. */
    private static String callbackHere() {
        String path = RECEIVER.newPath();
        given().contentType(ContentType.JSON)
                .body(Map.of("url", RECEIVER.url(path)))
                .put("/control/meta/webhook")
                .then()
                .statusCode(200);
        return path;
    }

    /** A Cloud API number defined, verified with its code and registered: it sends. */
    private static void registered(Map<String, String> number) {
        control("/control/cloud-numbers", number).then().statusCode(201);
        String id = number.get("phoneNumberId");
        cloud(id, "request_code", Map.of("code_method", "SMS", "language", "en"));
        cloud(id, "verify_code", Map.of("code", number.get("code")));
        cloud(id, "register", Map.of("messaging_product", "whatsapp", "pin", "123456"));
    }

    private static void cloud(String number, String call, Map<String, ?> body) {
        given().contentType(ContentType.JSON)
                .auth()
                .oauth2(API_KEY)
                .body(body)
                .post("/cloud/v1/" + number + "/" + call)
                .then()
                .statusCode(200);
    }

    private static void meta(String number, String what, Map<String, ?> body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/control/cloud-numbers/" + number + "/meta/" + what)
                .then()
                .statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse health(String number) {
        return given().auth()
                .oauth2(API_KEY)
                .queryParam("fields", "health_status,quality_rating,messaging_limit_tier")
                .get("/cloud/v1/" + number)
                .then()
                .statusCode(200);
    }

    private static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
