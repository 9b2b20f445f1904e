package io.switchboard.simulator;

import static io.restassured.RestAssured.given;
import static io.switchboard.simulator.Simulator.API_KEY;
import static io.switchboard.simulator.Simulator.control;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Cloud API's number verification (docs/product/cloud-api-verification.md): request a code, verify it, register.
 */
@QuarkusTest
class CloudApiTest {

    @Test
    void aNumberIsVerifiedWithTheScriptedCodeAndThenRegistered() {
        define("1000000001", "+14155550501", "123456");

        cloud("1000000001", "request_code", Map.of("code_method", "SMS", "language", "en"))
                .statusCode(200)
                .body("success", equalTo(true));
        cloud("1000000001", "register", Map.of("messaging_product", "whatsapp", "pin", "123456"))
                .statusCode(400)
                .body("error.code", equalTo(100))
                .body("error.message", containsString("not verified"));
        cloud("1000000001", "verify_code", Map.of("code", "654321"))
                .statusCode(400)
                .body("error.code", equalTo(136025))
                .body("error.message", equalTo("Invalid code"));
        cloud("1000000001", "verify_code", Map.of("code", "123456"))
                .statusCode(200)
                .body("success", equalTo(true));
        given().get("/control/cloud-numbers/1000000001").then().body("subscribed", equalTo(false));
        cloud("1000000001", "subscribed_apps", Map.of())
                .statusCode(400)
                .body("error.message", containsString("not registered"));
        cloud("1000000001", "register", Map.of("messaging_product", "whatsapp", "pin", "123456"))
                .statusCode(200)
                .body("success", equalTo(true));
        cloud("1000000001", "subscribed_apps", Map.of()).statusCode(200).body("success", equalTo(true));

        given().get("/control/cloud-numbers/1000000001")
                .then()
                .statusCode(200)
                .body("phone", equalTo("+14155550501"))
                .body("requestedMethod", equalTo("SMS"))
                .body("requestedLanguage", equalTo("en"))
                .body("codeRequests", equalTo(1))
                .body("attempts", equalTo(2))
                .body("verified", equalTo(true))
                .body("registered", equalTo(true))
                .body("subscribed", equalTo(true));
    }

    @Test
    void aRegisteredNumberSendsTextsAndANumberWithoutWhatsAppIsUndeliverable() {
        define("1000000005", "+14155550505", "135790");
        Map<String, Object> text = Map.of(
                "messaging_product",
                "whatsapp",
                "recipient_type",
                "individual",
                "to",
                "+14155550598",
                "type",
                "text",
                "text",
                Map.of("body", "official hello"),
                "biz_opaque_callback_data",
                "msg-1");
        cloud("1000000005", "messages", text).statusCode(400).body("error.code", equalTo(133010));

        cloud("1000000005", "request_code", Map.of("code_method", "SMS", "language", "en"))
                .statusCode(200);
        cloud("1000000005", "verify_code", Map.of("code", "135790")).statusCode(200);
        cloud("1000000005", "register", Map.of("messaging_product", "whatsapp", "pin", "123456"))
                .statusCode(200);
        cloud("1000000005", "messages", text)
                .statusCode(200)
                .body("messaging_product", equalTo("whatsapp"))
                .body("contacts[0].wa_id", equalTo("14155550598"))
                .body("messages[0].id", org.hamcrest.Matchers.startsWith("wamid."));
        given().queryParam("to", "+14155550598")
                .get("/control/messages")
                .then()
                .statusCode(200)
                .body("body", equalTo(java.util.List.of("official hello")))
                .body("from", equalTo(java.util.List.of("+14155550505")));

        given().contentType(ContentType.JSON)
                .body(Map.of("whatsApp", false))
                .put("/control/numbers/{phone}", "+14155550597")
                .then()
                .statusCode(200);
        cloud(
                        "1000000005",
                        "messages",
                        Map.of(
                                "messaging_product",
                                "whatsapp",
                                "to",
                                "+14155550597",
                                "type",
                                "text",
                                "text",
                                Map.of("body", "nobody")))
                .statusCode(400)
                .body("error.code", equalTo(131026));
        cloud("1000000005", "messages", Map.of("messaging_product", "whatsapp", "to", "+14155550598", "type", "image"))
                .statusCode(400)
                .body("error.code", equalTo(100));
        given().contentType(ContentType.JSON)
                .body(text)
                .post("/cloud/v1/1000000005/messages")
                .then()
                .statusCode(401);
        given().delete("/control/numbers/{phone}", "+14155550597").then().statusCode(204);
    }

    @Test
    void aCodeMustBeRequestedBeforeItIsVerified() {
        define("1000000002", "+14155550502", "246810");

        cloud("1000000002", "verify_code", Map.of("code", "246810"))
                .statusCode(400)
                .body("error.code", equalTo(100))
                .body("error.message", containsString("call request_code first"));
        given().get("/control/cloud-numbers/1000000002")
                .then()
                .body("requestedMethod", nullValue())
                .body("attempts", equalTo(0))
                .body("verified", equalTo(false));

        cloud("1000000002", "request_code", Map.of("code_method", "VOICE", "language", "de"))
                .statusCode(200);
        cloud("1000000002", "verify_code", Map.of("code", "246810")).statusCode(200);
        given().get("/control/cloud-numbers/1000000002")
                .then()
                .body("requestedMethod", equalTo("VOICE"))
                .body("attempts", equalTo(1))
                .body("verified", equalTo(true))
                .body("registered", equalTo(false));
    }

    @Test
    void badRequestsAreAnsweredInTheCloudApiShape() {
        define("1000000003", "+14155550503", "135790");

        cloud("9999999999", "request_code", Map.of("code_method", "SMS", "language", "en"))
                .statusCode(404)
                .body("error.code", equalTo(100))
                .body("error.message", containsString("9999999999"));
        cloud("1000000003", "request_code", Map.of("code_method", "PIGEON", "language", "en"))
                .statusCode(400)
                .body("error.code", equalTo(100));
        cloud("1000000003", "request_code", Map.of("code_method", "SMS"))
                .statusCode(400)
                .body("error.code", equalTo(100));
        cloud("1000000003", "verify_code", Map.of()).statusCode(400).body("error.code", equalTo(100));
        cloud("1000000003", "register", Map.of("messaging_product", "sms", "pin", "123456"))
                .statusCode(400);
        cloud("1000000003", "register", Map.of("messaging_product", "whatsapp", "pin", "12"))
                .statusCode(400);

        given().contentType(ContentType.JSON)
                .auth()
                .oauth2("not-the-key")
                .body(Map.of("code_method", "SMS", "language", "en"))
                .post("/cloud/v1/1000000003/request_code")
                .then()
                .statusCode(401)
                .body("error.code", equalTo(190))
                .body("error.type", equalTo("OAuthException"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "135790"))
                .post("/cloud/v1/1000000003/verify_code")
                .then()
                .statusCode(401)
                .body("error.code", equalTo(190));
    }

    @Test
    void theControlApiDefinesAndShowsCloudNumbers() {
        control("/control/cloud-numbers", Map.of("phone", "+14155550504"))
                .then()
                .statusCode(400);
        given().get("/control/cloud-numbers/8888888888").then().statusCode(404);

        define("1000000004", "+14155550504", "111111");
        cloud("1000000004", "request_code", Map.of("code_method", "SMS", "language", "en"))
                .statusCode(200);
        // Defining it again starts its verification over.
        define("1000000004", "+14155550504", "222222");
        given().get("/control/cloud-numbers/1000000004")
                .then()
                .body("code", equalTo("222222"))
                .body("codeRequests", equalTo(0));
        given().get("/control/cloud-numbers")
                .then()
                .statusCode(200)
                .body("find { it.phoneNumberId == '1000000004' }.phone", equalTo("+14155550504"));
    }

    private static void define(String phoneNumberId, String phone, String code) {
        control("/control/cloud-numbers", Map.of("phoneNumberId", phoneNumberId, "phone", phone, "code", code))
                .then()
                .statusCode(201)
                .body("phoneNumberId", equalTo(phoneNumberId))
                .body("verified", equalTo(false));
    }

    private static ValidatableResponse cloud(String phoneNumberId, String call, Map<String, ?> body) {
        return given().contentType(ContentType.JSON)
                .auth()
                .oauth2(API_KEY)
                .body(body)
                .post("/cloud/v1/" + phoneNumberId + "/" + call)
                .then();
    }
}
