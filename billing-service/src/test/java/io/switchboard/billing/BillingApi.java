package io.switchboard.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.auth.TokenIssuer;
import io.switchboard.testkit.kafka.TestEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The billing service as its clients see it: its REST API, and channel events published to it. */
public final class BillingApi {

    public static final String PROBLEM = "application/problem+json";
    public static final Duration WAIT = Duration.ofSeconds(20);
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, AtomicLong> VERSIONS = new ConcurrentHashMap<>();

    private BillingApi() {}

    public static String ops() {
        return TestInfrastructure.get().tokens().token("platform", Set.of(TokenIssuer.OPS), Duration.ofHours(1));
    }

    public static String admin(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }

    /** A new account id, unique in the test JVM. */
    public static String newAccountId() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Opens an account (as ops) and answers its id. */
    public static String account(String currency, String timeZone, String tariff, String openingBalance) {
        String id = newAccountId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", "Account " + id);
        body.put("currency", currency);
        body.put("timeZone", timeZone);
        body.put("tariff", tariff);
        body.put("openingBalance", openingBalance);
        create(body).statusCode(201);
        return id;
    }

    public static ValidatableResponse create(Object body) {
        return given().auth()
                .oauth2(ops())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/accounts")
                .then();
    }

    public static ValidatableResponse billing(String account) {
        return given().auth()
                .oauth2(admin(account))
                .get("/v1/accounts/" + account + "/billing")
                .then();
    }

    public static BigDecimal balance(String account) {
        return new BigDecimal(billing(account).statusCode(200).extract().<String>path("balance"));
    }

    public static ValidatableResponse pay(String account, String amount, String currency, String key) {
        return post(account, "payments", Map.of("amount", amount, "currency", currency, "idempotencyKey", key));
    }

    public static ValidatableResponse post(String account, String what, Object body) {
        return given().auth()
                .oauth2(ops())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/accounts/" + account + "/" + what)
                .then();
    }

    public static ValidatableResponse ledger(String account, String query) {
        return given().auth()
                .oauth2(admin(account))
                .get("/v1/accounts/" + account + "/ledger" + query)
                .then();
    }

    /** A channel of the account, in {@code status} since {@code at}; waits until billing has it. */
    public static String channel(String account, ChannelStatus status, Instant at) {
        String channel = UUID.randomUUID().toString();
        publish(account, channel, status, at);
        return channel;
    }

    /** The channel's next status, as channel-service would publish it at {@code at}; waits until billing applied it. */
    public static void publish(String account, String channel, ChannelStatus status, Instant at) {
        long version = VERSIONS.computeIfAbsent(channel, c -> new AtomicLong()).incrementAndGet();
        try (TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            events.publish(
                    Topics.CHANNEL_STATUS,
                    channel,
                    Streams.CHANNEL_STATUS.type(),
                    new ChannelStatusChanged(
                            channel,
                            account,
                            "Sales " + channel.substring(0, 4),
                            "+16502530001",
                            null,
                            status,
                            status.defaultSendPolicy(),
                            status.requiredAction(),
                            StatusCause.USER_ACTION,
                            null,
                            null,
                            version,
                            at,
                            ChannelKind.WEB_SESSION,
                            null,
                            null));
        }
        awaitChannelVersion(account, channel, version);
    }

    public static void awaitChannelVersion(String account, String channel, long version) {
        await().atMost(WAIT).until(() -> {
            JsonNode channels = JSON.readTree(given().auth()
                    .oauth2(admin(account))
                    .get("/v1/billing/channels")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            for (JsonNode item : channels.path("items")) {
                if (item.path("channelId").asText().equals(channel)
                        && item.path("version").asLong() >= version) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The payload of a recorded billing.account.v1 event. */
    public static JsonNode payload(ConsumerRecord<String, String> record) {
        return payload(record.value());
    }

    public static JsonNode payload(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
