package io.switchboard.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.freshPhone;
import static io.switchboard.channel.ChannelApi.status;
import static io.switchboard.channel.ChannelApi.token;
import static io.switchboard.channel.ChannelApi.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cloud API verification (docs/product/cloud-api-verification.md): a disconnected official (Cloud API) number is
 * verified with a code by SMS or voice, registered, its permissions refreshed, and is ACTIVE again. The Cloud API is
 * WireMock.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class CloudVerificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CORRECT_CODE = "123456";
    private static final String PROBLEM = "application/problem+json";
    private static final AtomicLong NUMBER_IDS = new AtomicLong(System.currentTimeMillis());
    private TopicRecorder topics;

    @BeforeEach
    void stubCloudApi() {
        topics = TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHANNEL_STATUS);
        var wiremock = ProviderStub.server();
        wiremock.stubFor(post(urlMatching("/cloud/v1/\\d+/(request_code|register|subscribed_apps)"))
                .atPriority(10)
                .willReturn(success()));
        wiremock.stubFor(
                post(urlMatching("/cloud/v1/\\d+/verify_code"))
                        .atPriority(10)
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"message\":\"Invalid code\",\"type\":\"OAuthException\",\"code\":136025}}")));
        wiremock.stubFor(post(urlMatching("/cloud/v1/\\d+/verify_code"))
                .atPriority(5)
                .withRequestBody(matchingJsonPath("$.code", equalTo(CORRECT_CODE)))
                .willReturn(success()));
    }

    @AfterEach
    void stopRecording() {
        topics.close();
    }

    @Test
    void aDisconnectedNumberIsVerifiedByCodeRegisteredAndActiveAgain() {
        String numberId = numberId();
        String phone = freshPhone();
        String id = createCloud("acme", phone, numberId)
                .statusCode(201)
                .body("kind", Matchers.equalTo("CLOUD_API"))
                .body("cloudPhoneNumberId", Matchers.equalTo(numberId))
                .body("status", Matchers.equalTo("VERIFICATION_REQUIRED"))
                .body("sendPolicy", Matchers.equalTo("REJECT"))
                .body("requiredAction", Matchers.equalTo("VERIFY_NUMBER"))
                .extract()
                .path("id");
        // An official number has no WhatsApp Web session to open.
        assertThat(count(postRequestedFor(urlEqualTo("/partner/v1/channels")).withRequestBody(containing(phone))))
                .isZero();

        // The code is requested by SMS when no method is given.
        given().auth()
                .oauth2(token("acme"))
                .post("/v1/channels/{id}/verification", id)
                .then()
                .statusCode(200)
                .body("method", Matchers.equalTo("SMS"))
                .body("codeRequests", Matchers.equalTo(1))
                .body("attemptsLeft", Matchers.equalTo(5));
        JsonNode requested = lastBody("/cloud/v1/" + numberId + "/request_code");
        assertThat(requested.path("code_method").asText()).isEqualTo("SMS");
        assertThat(requested.path("language").asText()).isEqualTo("en");
        assertThat(ProviderStub.server()
                        .findAll(postRequestedFor(urlEqualTo("/cloud/v1/" + numberId + "/request_code")))
                        .get(0)
                        .getHeader("Authorization"))
                .isEqualTo("Bearer local-provider-key");

        submit("acme", id, "{\"code\":\"" + CORRECT_CODE + "\"}")
                .statusCode(200)
                .body("status", Matchers.equalTo("ACTIVE"))
                .body("verifiedAt", Matchers.notNullValue())
                .body("wrongCodes", Matchers.equalTo(0));
        JsonNode registered = lastBody("/cloud/v1/" + numberId + "/register");
        assertThat(registered.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(registered.path("pin").asText()).matches("\\d{6}");
        assertThat(count(postRequestedFor(urlEqualTo("/cloud/v1/" + numberId + "/subscribed_apps"))))
                .isEqualTo(1);
        ChannelApi.get("acme", id)
                .body("status", Matchers.equalTo("ACTIVE"))
                .body("sendPolicy", Matchers.equalTo("SEND"));
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/history", id)
                .then()
                .statusCode(200)
                .body("items[1].previousStatus", Matchers.equalTo("VERIFICATION_REQUIRED"))
                .body("items[1].status", Matchers.equalTo("ACTIVE"))
                .body("items[1].cause", Matchers.equalTo("USER_ACTION"))
                .body("items[1].detail", Matchers.startsWith("number verified with a code by sms"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(events(id))
                        .extracting(e -> e.path("status").asText())
                        .containsExactly("VERIFICATION_REQUIRED", "ACTIVE"));
        submit("acme", id, "{\"code\":\"" + CORRECT_CODE + "\"}")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", Matchers.endsWith("/nothing-to-verify"));

        // The Cloud API reports the number disconnected again: a new code is needed, by voice this time, and the
        // number's own two-step PIN is given.
        String secret = given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/webhook", id)
                .then()
                .statusCode(200)
                .body("url", Matchers.endsWith("/v1/provider/webhooks/" + id))
                .extract()
                .path("secret");
        webhook(id, secret, disconnected()).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "VERIFICATION_REQUIRED".equals(status("acme", id)));
        submit("acme", id, "{\"code\":\"" + CORRECT_CODE + "\"}")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", Matchers.endsWith("/code-not-requested"));
        request("acme", id, "{\"method\":\"voice\"}")
                .statusCode(200)
                .body("method", Matchers.equalTo("VOICE"))
                .body("codeRequests", Matchers.equalTo(2));
        assertThat(lastBody("/cloud/v1/" + numberId + "/request_code")
                        .path("code_method")
                        .asText())
                .isEqualTo("VOICE");
        submit("acme", id, "{\"code\":\"" + CORRECT_CODE + "\",\"pin\":\"654321\"}")
                .statusCode(200)
                .body("status", Matchers.equalTo("ACTIVE"));
        assertThat(lastBody("/cloud/v1/" + numberId + "/register").path("pin").asText())
                .isEqualTo("654321");
    }

    @Test
    void aRegistrationTheCloudApiDoesNotAnswerIsRetriedUntilTheNumberIsActive() {
        String numberId = numberId();
        String id = createCloud("acme", freshPhone(), numberId)
                .statusCode(201)
                .extract()
                .path("id");
        request("acme", id, "{}").statusCode(200);
        // The number is registered at Meta, then the Cloud API goes away before its permissions are refreshed.
        var unreachable = ProviderStub.server()
                .stubFor(post(urlEqualTo("/cloud/v1/" + numberId + "/subscribed_apps"))
                        .atPriority(1)
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        submit("acme", id, "{\"code\":\"" + CORRECT_CODE + "\"}")
                .statusCode(202)
                .body("status", Matchers.equalTo("VERIFICATION_REQUIRED"))
                .body("codeVerifiedAt", Matchers.notNullValue());
        assertThat(count(postRequestedFor(urlEqualTo("/cloud/v1/" + numberId + "/register"))))
                .isEqualTo(1);
        submit("acme", id, "{\"code\":\"" + CORRECT_CODE + "\"}")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", Matchers.endsWith("/code-already-verified"));

        // The step is a durable timer: retried with back-off until the Cloud API answers, then ACTIVE.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count(postRequestedFor(urlEqualTo("/cloud/v1/" + numberId + "/subscribed_apps"))) >= 2);
        assertThat(status("acme", id)).isEqualTo("VERIFICATION_REQUIRED");
        ProviderStub.server().removeStub(unreachable);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(status("acme", id)));
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/verification", id)
                .then()
                .statusCode(200)
                .body("verifiedAt", Matchers.notNullValue())
                .body("codeVerifiedAt", Matchers.nullValue())
                .body("wrongCodes", Matchers.equalTo(0));
        assertThat(count(postRequestedFor(urlEqualTo("/cloud/v1/" + numberId + "/verify_code"))))
                .isEqualTo(1);
    }

    @Test
    void aRegistrationTheCloudApiRefusesNeedsANewCode() {
        String numberId = numberId();
        String id = createCloud("acme", freshPhone(), numberId)
                .statusCode(201)
                .extract()
                .path("id");
        request("acme", id, "{}").statusCode(200);
        ProviderStub.server()
                .stubFor(post(urlEqualTo("/cloud/v1/" + numberId + "/register"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(400)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":{\"message\":\"Two-step PIN mismatch\",\"code\":133005}}")));
        submit("acme", id, "{\"code\":\"" + CORRECT_CODE + "\",\"pin\":\"111111\"}")
                .statusCode(502)
                .contentType(PROBLEM)
                .body("type", Matchers.endsWith("/cloud-api-refused"))
                .body("detail", Matchers.containsString("Two-step PIN mismatch"));
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/verification", id)
                .then()
                .statusCode(200)
                .body("status", Matchers.equalTo("VERIFICATION_REQUIRED"))
                .body("codeVerifiedAt", Matchers.nullValue())
                .body("codeRequestedAt", Matchers.nullValue())
                .body("lastError", Matchers.containsString("PIN mismatch"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(events(id))
                        .anyMatch(e -> e.path("detail").asText().startsWith("verification failed")));
        submit("acme", id, "{\"code\":\"" + CORRECT_CODE + "\"}")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", Matchers.endsWith("/code-not-requested"));
    }

    @Test
    void fiveWrongCodesLockVerificationForAnHour() {
        String numberId = numberId();
        String id = createCloud("acme", freshPhone(), numberId)
                .statusCode(201)
                .extract()
                .path("id");
        request("acme", id, "{\"method\":\"sms\"}").statusCode(200);

        // Malformed codes are refused here: the Cloud API is never asked and nothing is counted.
        for (String body : List.of(
                "{\"code\":\"12ab\"}",
                "{\"code\":\"123\"}",
                "{\"code\":\"1234567\"}",
                "{}",
                "{\"code\":\"123456\",\"pin\":\"12\"}")) {
            submit("acme", id, body)
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("violations", Matchers.not(Matchers.empty()));
        }
        assertThat(verifyCalls(numberId)).isZero();

        for (int wrong = 1; wrong <= 4; wrong++) {
            submit("acme", id, "{\"code\":\"00000" + wrong + "\"}")
                    .statusCode(422)
                    .contentType(PROBLEM)
                    .body("type", Matchers.endsWith("/wrong-code"))
                    .body("attemptsLeft", Matchers.equalTo(5 - wrong));
        }
        submit("acme", id, "{\"code\":\"0000\"}")
                .statusCode(429)
                .contentType(PROBLEM)
                .body("type", Matchers.endsWith("/verification-locked"))
                .header("Retry-After", Matchers.allOf(Matchers.notNullValue(), Matchers.matchesPattern("3[56]\\d\\d")));
        assertThat(verifyCalls(numberId)).isEqualTo(5);

        // Locked: even the right code is not tried, and no new code is sent.
        submit("acme", id, "{\"code\":\"" + CORRECT_CODE + "\"}")
                .statusCode(429)
                .header("Retry-After", Matchers.notNullValue());
        request("acme", id, "{\"method\":\"voice\"}").statusCode(429);
        assertThat(verifyCalls(numberId)).isEqualTo(5);
        assertThat(count(postRequestedFor(urlEqualTo("/cloud/v1/" + numberId + "/request_code"))))
                .isEqualTo(1);
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/verification", id)
                .then()
                .statusCode(200)
                .body("wrongCodes", Matchers.equalTo(5))
                .body("attemptsLeft", Matchers.equalTo(0))
                .body("lockedUntil", Matchers.notNullValue())
                .body("status", Matchers.equalTo("VERIFICATION_REQUIRED"));
        // Curators learn of the lock: an announcement on channel.status.v1.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events(id).stream()
                        .anyMatch(e -> e.path("detail").asText().startsWith("verification locked until")));
        assertThat(status("acme", id)).isEqualTo("VERIFICATION_REQUIRED");
    }

    @Test
    void badRequestsAndProviderFailuresChangeNothing() {
        // Creation: the number id belongs to Cloud API channels, and to them only.
        createRaw("acme", "{\"phone\":\"" + freshPhone() + "\",\"name\":\"Cloud\",\"kind\":\"CLOUD_API\"}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations[0].field", Matchers.equalTo("cloudPhoneNumberId"));
        createRaw("acme", "{\"phone\":\"" + freshPhone() + "\",\"name\":\"Web\",\"cloudPhoneNumberId\":\"123\"}")
                .statusCode(400)
                .contentType(PROBLEM);
        createRaw("acme", "{\"phone\":\"" + freshPhone() + "\",\"name\":\"Web\",\"kind\":\"PIGEON\"}")
                .statusCode(400)
                .contentType(PROBLEM);

        // A WhatsApp Web channel connects by QR: no verification, and a "disconnected" signal changes nothing.
        String web = ChannelApi.createChannel("acme");
        request("acme", web, "{}")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", Matchers.endsWith("/not-a-cloud-api-channel"));
        ChannelApi.health(web, ChannelApi.webhookSecret(web), "AUTH", 5).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status("acme", web)));
        webhook(web, ChannelApi.webhookSecret(web), disconnected())
                .statusCode(200)
                .body("type", Matchers.equalTo("NUMBER_DISCONNECTED"));
        ChannelApi.health(web, ChannelApi.webhookSecret(web), "QR", 6).statusCode(200); // applied after it, in order
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(events(web))
                        .extracting(e -> e.path("status").asText())
                        .containsExactly("STARTING", "ACTIVE", "QR_REQUIRED"));

        String numberId = numberId();
        String id = createCloud("acme", freshPhone(), numberId)
                .statusCode(201)
                .extract()
                .path("id");
        // Another account sees nothing.
        request("globex", id, "{}").statusCode(404).contentType(PROBLEM);
        given().auth()
                .oauth2(token("globex"))
                .get("/v1/channels/{id}/verification", id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token("globex"))
                .get("/v1/channels/{id}/webhook", id)
                .then()
                .statusCode(404);
        request("acme", id, "{\"method\":\"fax\"}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations[0].field", Matchers.equalTo("method"));
        request("acme", id, "{\"method\":")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", Matchers.endsWith("/malformed-json"));
        submit("acme", id, "{\"code\":").statusCode(400).contentType(PROBLEM);
        assertThat(count(postRequestedFor(urlEqualTo("/cloud/v1/" + numberId + "/request_code"))))
                .isZero();

        // The Cloud API fails or cannot be reached: a clear 5xx, and nothing is counted.
        ProviderStub.server()
                .stubFor(post(urlEqualTo("/cloud/v1/" + numberId + "/request_code"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(500)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2}}")));
        request("acme", id, "{}")
                .statusCode(502)
                .contentType(PROBLEM)
                .body("type", Matchers.endsWith("/cloud-api-refused"))
                .body("detail", Matchers.containsString("Service temporarily unavailable"));
        ProviderStub.server()
                .stubFor(post(urlEqualTo("/cloud/v1/" + numberId + "/request_code"))
                        .atPriority(1)
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        request("acme", id, "{}").statusCode(503).contentType(PROBLEM).header("Retry-After", Matchers.notNullValue());
        given().auth()
                .oauth2(token("acme"))
                .get("/v1/channels/{id}/verification", id)
                .then()
                .statusCode(200)
                .body("codeRequests", Matchers.equalTo(0))
                .body("method", Matchers.nullValue());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder success() {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":true}");
    }

    private static String numberId() {
        return String.valueOf(NUMBER_IDS.incrementAndGet());
    }

    private static String disconnected() {
        return "{\"event\":{\"type\":\"channel\",\"event\":\"disconnected\"},\"channel_id\":\"CLOUD\"}";
    }

    private static ValidatableResponse createCloud(String account, String phone, String numberId) {
        return createRaw(
                account,
                "{\"phone\":\"" + phone + "\",\"name\":\"Support\",\"kind\":\"CLOUD_API\","
                        + "\"cloudPhoneNumberId\":\"" + numberId + "\"}");
    }

    private static ValidatableResponse createRaw(String account, String body) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/channels")
                .then();
    }

    private static ValidatableResponse request(String account, String id, String body) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/channels/{id}/verification", id)
                .then();
    }

    private static ValidatableResponse submit(String account, String id, String body) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/channels/{id}/verification/code", id)
                .then();
    }

    private static int count(RequestPatternBuilder pattern) {
        return ProviderStub.server().countRequestsMatching(pattern.build()).getCount();
    }

    private static int verifyCalls(String numberId) {
        return count(postRequestedFor(urlEqualTo("/cloud/v1/" + numberId + "/verify_code")));
    }

    private static JsonNode lastBody(String url) {
        var last = ProviderStub.server().findAll(postRequestedFor(urlEqualTo(url))).stream()
                .max(java.util.Comparator.comparing(
                        com.github.tomakehurst.wiremock.verification.LoggedRequest::getLoggedDate));
        assertThat(last).as("requests to %s", url).isPresent();
        try {
            return JSON.readTree(last.get().getBodyAsString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> events(String id) {
        return topics.on(Topics.CHANNEL_STATUS, id).stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
