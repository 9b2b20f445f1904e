package io.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.auth.TokenIssuer;
import io.switchboard.testkit.time.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
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
            return Map.of("switchboard.curators.allow-local-webhooks", "true", "switchboard.curators.secret-grace", "1h");
        }
    }

    /** What a receiver got: its headers and body, and when. */
    record Received(String id, String timestamp, String signature, String body, Instant at) {
    }

    private static HttpServer receiver;
    private static final Map<String, ConcurrentLinkedQueue<int[]>> SCRIPTS = new ConcurrentHashMap<>();
    private static final Map<String, List<Received>> RECEIVED = new ConcurrentHashMap<>();

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(
                    exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, Instant.now()));
            int[] answer = SCRIPTS.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            int status = answer == null ? 200 : answer[0];
            if (answer != null && answer.length > 1 && answer[1] > 0) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(answer[1]));
            }
            if (answer != null && answer.length > 2) {
                try {
                    Thread.sleep(answer[2]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheNotificationOnceMoreUnderTheSameIdSignedEachTime() throws Exception {
        String account = account();
        String path = "/fails-twice-" + UUID.randomUUID();
        script(path, new int[] { 500 }, new int[] { 502 }, new int[] { 200 });
        Map<String, String> curator = curator(account, path);

        String delivery = test(account, curator.get("id"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(token(account))
                .get("/v1/curators/{id}/test/{delivery}", curator.get("id"), delivery).then().statusCode(200)
                .body("state", equalTo("DELIVERED")).body("attempts", equalTo(3)).body("lastStatus", equalTo(200)));
        List<Received> got = RECEIVED.get(path);
        assertThat(got).hasSize(3);
        assertThat(got).extracting(Received::id).containsOnly(delivery);
        assertThat(got).extracting(Received::body).containsOnly(got.get(0).body());
        assertThat(got.get(0).body()).contains("\"type\":\"curator.test\"").contains(account);
        for (Received attempt : got) {
            assertThat(Math.abs(Long.parseLong(attempt.timestamp())
                    - MutableClock.shared().instant().getEpochSecond())).isLessThan(300);
            assertThat(verifies(curator.get("secret"), attempt)).as("signature of attempt %s", attempt).isTrue();
            assertThat(verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), attempt)).isFalse();
        }
    }

    @Test
    void aReceiverThatIsGoneDisablesTheWebhookUntilItIsReplaced() {
        String account = account();
        String path = "/gone-" + UUID.randomUUID();
        script(path, new int[] { 410 });
        Map<String, String> curator = curator(account, path);
        String delivery = test(account, curator.get("id"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(token(account))
                .get("/v1/curators/{id}/test/{delivery}", curator.get("id"), delivery).then()
                .body("state", equalTo("DEAD")).body("attempts", equalTo(1)).body("lastStatus", equalTo(410)));
        given().auth().oauth2(token(account)).get("/v1/curators/{id}", curator.get("id")).then()
                .body("webhookDisabledAt", notNullValue());
        given().auth().oauth2(token(account)).post("/v1/curators/{id}/test", curator.get("id")).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.containsString("no-receiver"));
        assertThat(RECEIVED.get(path)).hasSize(1);

        // a new receiver is given its chance
        given().auth().oauth2(token(account)).contentType(ContentType.JSON)
                .body(Map.of("name", "Desk", "webhookUrl", url(path + "/new"))).put("/v1/curators/{id}", curator.get("id"))
                .then().statusCode(200).body("webhookDisabledAt", equalTo(null));
        test(account, curator.get("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVED.containsKey(path + "/new"));
    }

    @Test
    void retryAfterIsWaitedEvenWhenTheScheduleIsShorter() {
        String account = account();
        String path = "/busy-" + UUID.randomUUID();
        script(path, new int[] { 429, 2 }, new int[] { 503, 1 }, new int[] { 200 });
        Map<String, String> curator = curator(account, path);
        test(account, curator.get("id"));

        await().atMost(Duration.ofSeconds(15)).until(() -> RECEIVED.getOrDefault(path, List.of()).size() == 3);
        List<Received> got = RECEIVED.get(path);
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(Duration.between(got.get(1).at(), got.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void afterTheLastAttemptItIsDeadLetteredAndOpsReplaysItUnderTheSameId() {
        String account = account();
        String path = "/down-" + UUID.randomUUID();
        script(path, new int[] { 500 }, new int[] { 500 }, new int[] { 500 });
        Map<String, String> curator = curator(account, path);
        String delivery = test(account, curator.get("id"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(token(account))
                .get("/v1/curators/{id}/test/{delivery}", curator.get("id"), delivery).then()
                .body("state", equalTo("DEAD")).body("attempts", equalTo(3)));
        given().auth().oauth2(ops()).get("/v1/ops/dead-deliveries?size=500").then().statusCode(200)
                .body("items.id", hasItem(delivery));
        given().auth().oauth2(token(account)).get("/v1/ops/dead-deliveries").then().statusCode(403);

        given().auth().oauth2(ops()).post("/v1/ops/dead-deliveries/{id}/replay", delivery).then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(token(account))
                .get("/v1/curators/{id}/test/{delivery}", curator.get("id"), delivery).then()
                .body("state", equalTo("DELIVERED")));
        assertThat(RECEIVED.get(path)).hasSize(4).extracting(Received::id).containsOnly(delivery);
        given().auth().oauth2(ops()).post("/v1/ops/dead-deliveries/{id}/replay", delivery).then().statusCode(409);
    }

    @Test
    void aReceiverThatNeverAnswersHoldsUpNoOtherDelivery() {
        String account = account();
        String slow = "/silent-" + UUID.randomUUID();
        String quick = "/quick-" + UUID.randomUUID();
        script(slow, new int[] { 200, 0, 8_000 }, new int[] { 200, 0, 8_000 }, new int[] { 200, 0, 8_000 });
        Map<String, String> silent = curator(account, slow);
        Map<String, String> prompt = curator(account, quick, "quick@example.com");
        String unanswered = test(account, silent.get("id"));
        await().atMost(Duration.ofSeconds(5)).until(() -> RECEIVED.containsKey(slow));
        Instant asked = Instant.now();
        test(account, prompt.get("id"));

        await().atMost(Duration.ofSeconds(5)).until(() -> RECEIVED.containsKey(quick));
        assertThat(Duration.between(asked, RECEIVED.get(quick).get(0).at())).isLessThan(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().auth().oauth2(token(account))
                .get("/v1/curators/{id}/test/{delivery}", silent.get("id"), unanswered).then()
                .body("lastError", equalTo("no answer: 127.0.0.1 did not answer in time")));
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneForItsGraceOnly() throws Exception {
        String account = account();
        String path = "/rotating-" + UUID.randomUUID();
        Map<String, String> curator = curator(account, path);
        String old = curator.get("secret");
        String rotated = given().auth().oauth2(token(account)).post("/v1/curators/{id}/webhook-secret/rotate",
                curator.get("id")).then().statusCode(200).body("previousSecretValidUntil", notNullValue())
                .extract().path("webhookSecret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(old);

        test(account, curator.get("id"));
        await().atMost(Duration.ofSeconds(5)).until(() -> RECEIVED.getOrDefault(path, List.of()).size() == 1);
        Received during = RECEIVED.get(path).get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(verifies(old, during)).isTrue(); // receivers that still hold the old secret
        assertThat(verifies(rotated, during)).isTrue(); // and those that switched

        MutableClock.shared().advance(Duration.ofHours(1)); // the grace is over
        test(account, curator.get("id"));
        await().atMost(Duration.ofSeconds(5)).until(() -> RECEIVED.get(path).size() == 2);
        Received after = RECEIVED.get(path).get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(verifies(rotated, after)).isTrue();
        assertThat(verifies(old, after)).isFalse();
    }

    /** Standard Webhooks verification written here, apart from the service's signer. */
    private static boolean verifies(String secret, Received attempt) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal((attempt.id() + "." + attempt.timestamp() + "."
                + attempt.body()).getBytes(StandardCharsets.UTF_8)));
        for (String signature : attempt.signature().split(" ")) {
            if (signature.startsWith("v1,") && java.security.MessageDigest.isEqual(
                    signature.substring(3).getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static void script(String path, int[]... answers) {
        SCRIPTS.put(path, new ConcurrentLinkedQueue<>(List.of(answers)));
    }

    private static Map<String, String> curator(String account, String path) {
        return curator(account, path, null);
    }

    private static Map<String, String> curator(String account, String path, String email) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Desk " + path, "webhookUrl", url(path)));
        if (email != null) {
            body.put("email", email);
        }
        var created = given().auth().oauth2(token(account)).contentType(ContentType.JSON).body(body)
                .post("/v1/curators").then().statusCode(201).extract();
        return Map.of("id", created.path("id"), "secret", created.path("webhookSecret"));
    }

    private static String test(String account, String curator) {
        return given().auth().oauth2(token(account)).post("/v1/curators/{id}/test", curator).then().statusCode(202)
                .extract().path("deliveries.find { it.medium == 'WEBHOOK' }.id");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
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
