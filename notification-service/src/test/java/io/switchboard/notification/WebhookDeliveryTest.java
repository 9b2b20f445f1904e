package io.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.auth.TokenIssuer;
import io.switchboard.testkit.time.MutableClock;
import io.switchboard.testkit.webhook.WebhookReceiver;
import io.switchboard.testkit.webhook.WebhookReceiver.Answer;
import io.switchboard.testkit.webhook.WebhookReceiver.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook deliveries against a real HTTP receiver on this machine that answers as a test scripts it, and checks every
 * signature with its own HMAC code (not the service's).
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@TestProfile(WebhookDeliveryTest.LocalReceivers.class)
class WebhookDeliveryTest {

    /** The receivers run on localhost, which production refuses. */
    public static class LocalReceivers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.curators.allow-local-webhooks", "true", "switchboard.curators.secret-grace", "1h");
        }
    }

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start((path, webhookId) -> Answer.status(200));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheNotificationOnceMoreUnderTheSameIdSignedEachTime() throws Exception {
        String account = account();
        String path = "/fails-twice-" + UUID.randomUUID();
        receiver.script(path, Answer.status(500), Answer.status(502), Answer.status(200));
        Map<String, String> curator = curator(account, path);

        String delivery = test(account, curator.get("id"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(account))
                        .get("/v1/curators/{id}/test/{delivery}", curator.get("id"), delivery)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("DELIVERED"))
                        .body("attempts", equalTo(3))
                        .body("lastStatus", equalTo(200)));
        List<Request> got = receiver.requests(path);
        assertThat(got).hasSize(3);
        assertThat(got).extracting(Request::webhookId).containsOnly(delivery);
        assertThat(got).extracting(Request::body).containsOnly(got.get(0).body());
        assertThat(got.get(0).body()).contains("\"type\":\"curator.test\"").contains(account);
        for (Request attempt : got) {
            assertThat(Math.abs(Long.parseLong(attempt.timestamp())
                            - MutableClock.shared().instant().getEpochSecond()))
                    .isLessThan(300);
            assertThat(verifies(curator.get("secret"), attempt))
                    .as("signature of attempt %s", attempt)
                    .isTrue();
            assertThat(verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), attempt))
                    .isFalse();
        }
    }

    @Test
    void aReceiverThatIsGoneDisablesTheWebhookUntilItIsReplaced() {
        String account = account();
        String path = "/gone-" + UUID.randomUUID();
        receiver.script(path, Answer.status(410));
        Map<String, String> curator = curator(account, path);
        String delivery = test(account, curator.get("id"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(account))
                        .get("/v1/curators/{id}/test/{delivery}", curator.get("id"), delivery)
                        .then()
                        .body("state", equalTo("DEAD"))
                        .body("attempts", equalTo(1))
                        .body("lastStatus", equalTo(410)));
        given().auth()
                .oauth2(token(account))
                .get("/v1/curators/{id}", curator.get("id"))
                .then()
                .body("webhookDisabledAt", notNullValue());
        given().auth()
                .oauth2(token(account))
                .post("/v1/curators/{id}/test", curator.get("id"))
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.containsString("no-receiver"));
        assertThat(receiver.requests(path)).hasSize(1);

        // a new receiver is given its chance
        given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Desk", "webhookUrl", url(path + "/new")))
                .put("/v1/curators/{id}", curator.get("id"))
                .then()
                .statusCode(200)
                .body("webhookDisabledAt", equalTo(null));
        test(account, curator.get("id"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !receiver.requests(path + "/new").isEmpty());
    }

    @Test
    void retryAfterIsWaitedEvenWhenTheScheduleIsShorter() {
        String account = account();
        String path = "/busy-" + UUID.randomUUID();
        receiver.script(
                path, Answer.status(429).retryAfter(2), Answer.status(503).retryAfter(1), Answer.status(200));
        Map<String, String> curator = curator(account, path);
        test(account, curator.get("id"));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> receiver.requests(path).size() == 3);
        List<Request> got = receiver.requests(path);
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(Duration.between(got.get(1).at(), got.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void afterTheLastAttemptItIsDeadLetteredAndOpsReplaysItUnderTheSameId() {
        String account = account();
        String path = "/down-" + UUID.randomUUID();
        receiver.script(path, Answer.status(500), Answer.status(500), Answer.status(500));
        Map<String, String> curator = curator(account, path);
        String delivery = test(account, curator.get("id"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(account))
                        .get("/v1/curators/{id}/test/{delivery}", curator.get("id"), delivery)
                        .then()
                        .body("state", equalTo("DEAD"))
                        .body("attempts", equalTo(3)));
        given().auth()
                .oauth2(ops())
                .get("/v1/ops/dead-deliveries?size=500")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(delivery));
        given().auth()
                .oauth2(token(account))
                .get("/v1/ops/dead-deliveries")
                .then()
                .statusCode(403);

        given().auth()
                .oauth2(ops())
                .post("/v1/ops/dead-deliveries/{id}/replay", delivery)
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(account))
                        .get("/v1/curators/{id}/test/{delivery}", curator.get("id"), delivery)
                        .then()
                        .body("state", equalTo("DELIVERED")));
        assertThat(receiver.requests(path))
                .hasSize(4)
                .extracting(Request::webhookId)
                .containsOnly(delivery);
        given().auth()
                .oauth2(ops())
                .post("/v1/ops/dead-deliveries/{id}/replay", delivery)
                .then()
                .statusCode(409);
    }

    @Test
    void aReceiverThatNeverAnswersHoldsUpNoOtherDelivery() {
        String account = account();
        String slow = "/silent-" + UUID.randomUUID();
        String quick = "/quick-" + UUID.randomUUID();
        Answer silentFor8s = Answer.status(200).after(Duration.ofSeconds(8));
        receiver.script(slow, silentFor8s, silentFor8s, silentFor8s);
        Map<String, String> silent = curator(account, slow);
        Map<String, String> prompt = curator(account, quick, "quick@example.com");
        String unanswered = test(account, silent.get("id"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.requests(slow).isEmpty());
        Instant asked = Instant.now();
        test(account, prompt.get("id"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.requests(quick).isEmpty());
        assertThat(Duration.between(asked, receiver.requests(quick).get(0).at()))
                .isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(account))
                        .get("/v1/curators/{id}/test/{delivery}", silent.get("id"), unanswered)
                        .then()
                        .body("lastError", equalTo("no answer: 127.0.0.1 did not answer in time")));
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneForItsGraceOnly() throws Exception {
        String account = account();
        String path = "/rotating-" + UUID.randomUUID();
        Map<String, String> curator = curator(account, path);
        String old = curator.get("secret");
        String rotated = given().auth()
                .oauth2(token(account))
                .post("/v1/curators/{id}/webhook-secret/rotate", curator.get("id"))
                .then()
                .statusCode(200)
                .body("previousSecretValidUntil", notNullValue())
                .extract()
                .path("webhookSecret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(old);

        test(account, curator.get("id"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.requests(path).size() == 1);
        Request during = receiver.requests(path).get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(verifies(old, during)).isTrue(); // receivers that still hold the old secret
        assertThat(verifies(rotated, during)).isTrue(); // and those that switched

        MutableClock.shared().advance(Duration.ofHours(1)); // the grace is over
        test(account, curator.get("id"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.requests(path).size() == 2);
        Request after = receiver.requests(path).get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(verifies(rotated, after)).isTrue();
        assertThat(verifies(old, after)).isFalse();
    }

    /** Standard Webhooks verification written here, apart from the service's signer. */
    private static boolean verifies(String secret, Request attempt) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = Base64.getEncoder()
                .encodeToString(mac.doFinal((attempt.webhookId() + "." + attempt.timestamp() + "." + attempt.body())
                        .getBytes(StandardCharsets.UTF_8)));
        for (String signature : attempt.signature().split(" ")) {
            if (signature.startsWith("v1,")
                    && java.security.MessageDigest.isEqual(
                            signature.substring(3).getBytes(StandardCharsets.UTF_8),
                            expected.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> curator(String account, String path) {
        return curator(account, path, null);
    }

    private static Map<String, String> curator(String account, String path, String email) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Desk " + path, "webhookUrl", url(path)));
        if (email != null) {
            body.put("email", email);
        }
        var created = given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/curators")
                .then()
                .statusCode(201)
                .extract();
        return Map.of("id", created.path("id"), "secret", created.path("webhookSecret"));
    }

    private static String test(String account, String curator) {
        return given().auth()
                .oauth2(token(account))
                .post("/v1/curators/{id}/test", curator)
                .then()
                .statusCode(202)
                .extract()
                .path("deliveries.find { it.medium == 'WEBHOOK' }.id");
    }

    private static String url(String path) {
        return receiver.url(path);
    }

    private static String account() {
        return "deliveries-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String token(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }

    private static String ops() {
        return TestInfrastructure.get().tokens().token("platform", Set.of(TokenIssuer.OPS), Duration.ofHours(1));
    }
}
