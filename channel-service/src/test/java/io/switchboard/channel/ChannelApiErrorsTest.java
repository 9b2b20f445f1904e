package io.switchboard.channel;

import static io.restassured.RestAssured.given;
import static io.switchboard.channel.ChannelApi.createChannel;
import static io.switchboard.channel.ChannelApi.health;
import static io.switchboard.channel.ChannelApi.token;
import static io.switchboard.channel.ChannelApi.webhookSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.switchboard.channel.history.StatusHistoryEntries;
import io.switchboard.channel.store.Channels;
import io.switchboard.contracts.Topics;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.auth.TokenIssuer;
import io.switchboard.testkit.kafka.TopicRecorder;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx problem+json and changes nothing. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
@WithTestResource(ProviderStub.class)
class ChannelApiErrorsTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Channels channels;

    @Inject
    StatusHistoryEntries history;

    @Test
    void withoutAValidTokenNothingIsReachable() {
        String id = createChannel("acme");
        given().get("/v1/channels/{id}", id)
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
        given().auth()
                .oauth2("not-a-jwt")
                .get("/v1/channels/{id}", id)
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(TestInfrastructure.get().tokens().expiredToken("acme"))
                .get("/v1/channels/{id}", id)
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        unchanged(() -> given().contentType(ContentType.JSON)
                .body("{\"phone\":\"+16502539999\",\"name\":\"x\"}")
                .post("/v1/channels")
                .then()
                .statusCode(401)
                .contentType(PROBLEM));
    }

    @Test
    void anotherAccountsChannelDoesNotExistForTheCaller() {
        String id = createChannel("acme");
        ChannelApi.get("globex", id).statusCode(404).contentType(PROBLEM).body("title", equalTo("Channel not found"));
        given().auth()
                .oauth2(token("globex"))
                .get("/v1/channels/{id}/history", id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        ChannelApi.get("acme", "no-such-channel").statusCode(404).contentType(PROBLEM);
    }

    @Test
    void malformedOrInvalidBodiesAreRefused() {
        unchanged(() -> post("{\"phone\": ")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("title", equalTo("Malformed request body")));
        unchanged(() -> post("").statusCode(400).contentType(PROBLEM));
        unchanged(() -> post("{\"name\":\"Sales\"}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("phone")));
        unchanged(() -> post("{\"phone\":\"+1650253\",\"name\":\"Sales\"}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", containsString("invalid-phone")));
        unchanged(() -> post("{\"phone\":\"14155550101\",\"name\":\"Sales\"}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", containsString("international format")));
        unchanged(() -> post("{\"phone\":\"+16502530000\",\"name\":\"  \"}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("name")));
        unchanged(() -> post("{\"phone\":42,\"name\":[]}").statusCode(400).contentType(PROBLEM));
    }

    @Test
    void aNumberThatHasAChannelIsRefusedNamingThatChannel() {
        String phone = ChannelApi.freshPhone();
        String existing = ChannelApi.create("acme", phone, "Sales")
                .statusCode(201)
                .extract()
                .path("id");
        unchanged(() -> ChannelApi.create("acme", phone, "Again")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("existingChannelId", equalTo(existing)));
        // Same number written differently, and from another account: still the same number, platform-wide, but the
        // answer identifies nothing of the account that has it.
        String spaced = phone.substring(0, 2) + " " + phone.substring(2, 5) + " " + phone.substring(5);
        String answer = unchangedAnswer(() -> ChannelApi.create("globex", spaced, "Other")
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", endsWith("/phone-taken"))
                .extract()
                .asString());
        assertThat(answer)
                .doesNotContain(existing)
                .doesNotContain("existingChannelId")
                .doesNotContain("acme");
    }

    @Test
    void aCloudApiNumberIdIsInOneLiveChannelOnly() {
        String numberId = String.valueOf(System.nanoTime());
        cloudChannel("acme", numberId).statusCode(201);
        for (String account : new String[] {"acme", "globex"}) {
            String answer = unchangedAnswer(() -> cloudChannel(account, numberId)
                    .statusCode(409)
                    .contentType(PROBLEM)
                    .body("type", endsWith("/cloud-number-taken"))
                    .extract()
                    .asString());
            assertThat(answer).as("the answer to %s", account).doesNotContain("acme");
        }
    }

    @Test
    void aTokenMustBeForSwitchboardShortLivedIssuedInThePastAndNameAnAccount() {
        String id = createChannel("acme");
        TokenIssuer tokens = TestInfrastructure.get().tokens();
        Instant now = Instant.now();
        Set<String> admin = Set.of(TokenIssuer.ACCOUNT_ADMIN);
        Instant soon = now.plusSeconds(600);
        List<String> refused = List.of(
                tokens.sign(tokens.claims("acme", admin)
                        .audience("another-service")
                        .issuedAt(now)
                        .expiresAt(soon)),
                tokens.sign(Jwt.issuer(TokenIssuer.ISSUER)
                        .subject("acme-user")
                        .claim("account", "acme")
                        .groups(admin)
                        .issuedAt(now)
                        .expiresAt(soon)),
                tokens.sign(tokens.claims("acme", admin).issuedAt(now).expiresAt(now.plus(Duration.ofDays(36_500)))),
                tokens.sign(tokens.claims("acme", admin)
                        .issuedAt(now.plus(Duration.ofHours(1)))
                        .expiresAt(now.plus(Duration.ofHours(2)))),
                tokens.sign(tokens.claims("acme", admin)
                        .claim("account", 42)
                        .issuedAt(now)
                        .expiresAt(soon)),
                tokens.sign(tokens.claims("acme", admin)
                        .claim("account", List.of("acme", "globex"))
                        .issuedAt(now)
                        .expiresAt(soon)),
                tokens.sign(tokens.claims("acme", admin)
                        .claim("account", "acme\u0000")
                        .issuedAt(now)
                        .expiresAt(soon)),
                tokens.sign(tokens.claims("..", admin).issuedAt(now).expiresAt(soon)));
        for (String token : refused) {
            given().auth()
                    .oauth2(token)
                    .get("/v1/channels/{id}", id)
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM)
                    .header("WWW-Authenticate", "Bearer");
            unchanged(() -> given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"phone\":\"" + ChannelApi.freshPhone() + "\",\"name\":\"x\"}")
                    .post("/v1/channels")
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM));
        }
        // A token issued by a clock a little ahead, valid for the longest allowed, is fine.
        given().auth()
                .oauth2(tokens.sign(tokens.claims("acme", admin)
                        .issuedAt(now.plusSeconds(20))
                        .expiresAt(now.plusSeconds(20).plus(Duration.ofHours(24)))))
                .get("/v1/channels/{id}", id)
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse cloudChannel(String account, String numberId) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body("{\"phone\":\"" + ChannelApi.freshPhone() + "\",\"name\":\"Official\",\"kind\":\"CLOUD_API\","
                        + "\"cloudPhoneNumberId\":\"" + numberId + "\"}")
                .post("/v1/channels")
                .then();
    }

    private String unchangedAnswer(java.util.function.Supplier<String> request) {
        String[] answer = new String[1];
        unchanged(() -> answer[0] = request.get());
        return answer[0];
    }

    @Test
    void forgedAndMalformedWebhooksChangeNothing() {
        String id = createChannel("acme");
        String secret = webhookSecret(id);
        try (TopicRecorder topics =
                TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.PROVIDER_EVENTS)) {
            unchanged(
                    () -> health(id, "forged-secret", "AUTH", 5).statusCode(401).contentType(PROBLEM));
            unchanged(() -> given().contentType(ContentType.JSON)
                    .body(ChannelApi.healthBody("AUTH", 5))
                    .post("/v1/provider/webhooks/{id}", id)
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM));
            unchanged(() ->
                    health("no-such-channel", secret, "AUTH", 5).statusCode(401).contentType(PROBLEM));
            unchanged(() -> ChannelApi.webhook(id, secret, "{\"health\": {")
                    .statusCode(400)
                    .contentType(PROBLEM));
            unchanged(() ->
                    ChannelApi.webhook(id, secret, "[1,2]").statusCode(400).contentType(PROBLEM));
            assertThat(topics.on(Topics.PROVIDER_EVENTS, id)).isEmpty();
        }
        ChannelApi.get("acme", id)
                .statusCode(200)
                .body("status", equalTo("STARTING"))
                .body("version", equalTo(1));
    }

    private static ValidatableResponse post(String body) {
        return given().auth()
                .oauth2(token("acme"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/channels")
                .then();
    }

    /** Runs a refused request and checks that no channel and no history row appeared. */
    private void unchanged(Runnable request) {
        long channelsBefore = QuarkusTransaction.requiringNew().call(() -> channels.count());
        long historyBefore = QuarkusTransaction.requiringNew().call(() -> history.count());
        request.run();
        assertThat(QuarkusTransaction.requiringNew().call(() -> channels.count()))
                .isEqualTo(channelsBefore);
        assertThat(QuarkusTransaction.requiringNew().call(() -> history.count()))
                .isEqualTo(historyBefore);
    }
}
