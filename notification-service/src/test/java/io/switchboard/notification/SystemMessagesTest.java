package io.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.Streams;
import io.switchboard.contracts.Topics;
import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.contracts.billing.BillingAccountState;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.notification.account.AccountWatches;
import io.switchboard.notification.chat.ChatTimer;
import io.switchboard.notification.chat.ChatWatch;
import io.switchboard.notification.chat.ChatWatches;
import io.switchboard.testkit.SwitchboardTestResource;
import io.switchboard.testkit.TestInfrastructure;
import io.switchboard.testkit.kafka.TestEvents;
import io.switchboard.testkit.kafka.TopicRecorder;
import io.switchboard.testkit.time.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system messages (docs/product/system-messages.md), each rule driven by real {@code message.status.v1} events on
 * Kafka, its timers by the tests' clock; each text asserted word for word, on the API and on
 * {@code chat.system-messages.v1}, exactly once.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class SystemMessagesTest {

    private static final MutableClock CLOCK = MutableClock.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "=== SYSTEM Switchboard === ";
    private static TestEvents events;
    private static TopicRecorder topic;

    @Inject
    ChatTimer timer;

    @Inject
    ChatWatches watches;

    @Inject
    AccountWatches zones;

    @BeforeAll
    static void connect() {
        events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());
        topic = TopicRecorder.recording(TestInfrastructure.get().kafkaBootstrapServers(), Topics.CHAT_SYSTEM_MESSAGES);
    }

    @AfterAll
    static void disconnect() {
        events.close();
        topic.close();
    }

    @Test
    void aChatTheBusinessBeganIsInitialisedOrNotPossibleOnce() {
        Chat chat = new Chat(account());
        MessageStatusChanged first = chat.event("m1", MessageState.QUEUED, MessageState.SENT, FirstContact.WHATSAPP);
        chat.publish(first);
        chat.publish(first); // Kafka delivers at least once
        chat.state("m1", MessageState.SENT, MessageState.DELIVERED);
        chat.seen("m1", MessageState.DELIVERED);
        Chat nobody = new Chat(chat.account, chat.channel);
        nobody.publish(nobody.event("m2", MessageState.DISPATCHING, MessageState.FAILED, FirstContact.NO_WHATSAPP));

        assertThat(chat.texts(1))
                .containsExactly(PREFIX + "Chat is initialized, you can write this client to WhatsApp");
        assertThat(nobody.texts(1))
                .containsExactly(PREFIX + "Chat is not possible, this phone number does not have a WhatsApp account");
        assertThat(chat.published(1)).containsExactly("CHAT_INITIALISED");
        assertThat(nobody.published(1)).containsExactly("CHAT_NOT_POSSIBLE");
    }

    @Test
    void notDeliveredAfterNdMinutesThenDeliveredAndReadWithinHalfAnHour() {
        Chat chat = new Chat(account());
        settings(chat.account, Map.of("notDeliveredMinutes", 10))
                .statusCode(200)
                .body("notDeliveredMinutes", equalTo(10))
                .body("notReadHours", equalTo(12));
        chat.state("m1", MessageState.DISPATCHING, MessageState.SENT);
        chat.seen("m1", MessageState.SENT);
        CLOCK.advance(Duration.ofMinutes(9));
        timer.pass();
        assertThat(chat.texts(0)).isEmpty();
        CLOCK.advance(Duration.ofMinutes(2));
        timer.pass();
        timer.pass();
        assertThat(chat.texts(1))
                .containsExactly(PREFIX + "Till now is not delivered to the client (it has passed 10" + " minutes).");

        chat.state("m1", MessageState.SENT, MessageState.DELIVERED);
        chat.seen("m1", MessageState.DELIVERED);
        CLOCK.advance(Duration.ofMinutes(29));
        chat.state("m1", MessageState.DELIVERED, MessageState.READ);
        chat.seen("m1", MessageState.READ);
        CLOCK.advance(Duration.ofHours(13)); // neither "finally delivered" nor "not read" follows a read message
        timer.pass();
        assertThat(chat.texts(2))
                .containsExactly(
                        PREFIX + "Till now is not delivered to the client (it has passed 10 minutes).",
                        PREFIX + "The message is delivered and read.");
        assertThat(chat.published(2)).containsExactly("NOT_DELIVERED", "DELIVERED_AND_READ");
    }

    @Test
    void aChatWhoseMessageTheDatabaseRefusesIsSetAsideAndHoldsUpNoOtherChat() throws Exception {
        Chat refused = new Chat(account());
        Chat told = new Chat(account());
        refused.state("r1", MessageState.DISPATCHING, MessageState.SENT);
        told.state("t1", MessageState.DISPATCHING, MessageState.SENT);
        refused.seen("r1", MessageState.SENT);
        told.seen("t1", MessageState.SENT);
        try (java.sql.Connection database = TestInfrastructure.get().database().connect();
                java.sql.Statement statement = database.createStatement()) {
            statement.execute("ALTER TABLE system_message ADD CONSTRAINT test_refuses CHECK (channel_id <> '"
                    + refused.channel + "')");
            try {
                CLOCK.advance(Duration.ofMinutes(31)); // both chats' "not delivered" deadlines pass
                timer.pass();
                assertThat(told.texts(1))
                        .containsExactly(
                                PREFIX + "Till now is not delivered to the client (it has" + " passed 30 minutes).");
                // the replica's own loop fires passes too, so the attempts are counted by whichever pass makes them
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    timer.pass();
                    assertThat(QuarkusTransaction.requiringNew()
                                    .call(() -> watches.findById(refused.channel + "/" + refused.chatId).dueAt))
                            .as("the refused chat's timer, set aside")
                            .isNull();
                });
                assertThat(told.texts(1)).hasSize(1);
            } finally {
                statement.execute("ALTER TABLE system_message DROP CONSTRAINT test_refuses");
            }
        }
    }

    @Test
    void aLateDeliveryNotReadWithinHalfAnHourIsFinallyDelivered() {
        Chat chat = new Chat(account());
        chat.state("m1", MessageState.DISPATCHING, MessageState.SENT);
        chat.seen("m1", MessageState.SENT);
        CLOCK.advance(Duration.ofMinutes(31)); // the default ND: 30 minutes
        timer.pass();
        chat.texts(1);
        chat.state("m1", MessageState.SENT, MessageState.DELIVERED);
        chat.seen("m1", MessageState.DELIVERED);
        CLOCK.advance(Duration.ofMinutes(29));
        timer.pass();
        assertThat(chat.texts(1)).hasSize(1);
        CLOCK.advance(Duration.ofMinutes(2));
        timer.pass();
        chat.state("m1", MessageState.DELIVERED, MessageState.READ); // read after the half hour: nothing more
        chat.seen("m1", MessageState.READ);
        assertThat(chat.texts(2))
                .containsExactly(
                        PREFIX + "Till now is not delivered to the client (it has passed 30 minutes).",
                        PREFIX + "The message is finally delivered!");
    }

    @Test
    void notReadNrHoursAfterDeliveryThenAllReadWhenTheLastIsRead() {
        Chat chat = new Chat(account());
        settings(chat.account, Map.of("notReadHours", 2)).statusCode(200);
        chat.state("m1", MessageState.DISPATCHING, MessageState.SENT);
        CLOCK.advance(Duration.ofMinutes(1));
        chat.state("m1", MessageState.SENT, MessageState.DELIVERED);
        chat.seen("m1", MessageState.DELIVERED);
        CLOCK.advance(Duration.ofMinutes(119));
        timer.pass();
        assertThat(chat.texts(0)).isEmpty();
        CLOCK.advance(Duration.ofMinutes(2));
        timer.pass();
        assertThat(chat.texts(1)).containsExactly(PREFIX + "Not yet read by the client (passed 2 hours).");

        // a newer message is sent and read: the chat is read to its last message
        chat.state("m2", MessageState.DISPATCHING, MessageState.SENT);
        chat.state("m2", MessageState.SENT, MessageState.READ); // the Cloud API may skip "delivered"
        chat.seen("m2", MessageState.READ);
        assertThat(chat.texts(2))
                .containsExactly(
                        PREFIX + "Not yet read by the client (passed 2 hours).",
                        PREFIX + "All right, all messages are finally read.");
        assertThat(chat.published(2)).containsExactly("NOT_READ", "ALL_READ");
    }

    @Test
    void statusUnknownAtMostOncePerDayInAChat() {
        Chat chat = new Chat(account());
        chat.state("m1", MessageState.DISPATCHING, MessageState.SENT);
        chat.state("m1", MessageState.SENT, MessageState.UNKNOWN);
        CLOCK.advance(Duration.ofHours(1));
        chat.state("m2", MessageState.DISPATCHING, MessageState.SENT);
        chat.state("m2", MessageState.SENT, MessageState.UNKNOWN);
        chat.seen("m2", MessageState.UNKNOWN);
        CLOCK.advance(Duration.ofHours(24));
        timer.pass(); // no "not delivered" for messages whose status cannot be known
        chat.state("m3", MessageState.DISPATCHING, MessageState.SENT);
        chat.state("m3", MessageState.SENT, MessageState.UNKNOWN);
        chat.seen("m3", MessageState.UNKNOWN);
        assertThat(chat.texts(2))
                .containsExactly(
                        PREFIX + "The status of messages for this number can not be obtained.",
                        PREFIX + "The status of messages for this number can not be obtained.");
        // pages of one: the second holds the second message, and says nothing follows
        given().auth()
                .oauth2(token(chat.account))
                .queryParam("chatId", chat.chatId)
                .queryParam("size", 1)
                .queryParam("page", 1)
                .get("/v1/channels/{id}/system-messages", chat.channel)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("more", equalTo(false));
    }

    @Test
    void receiptsThatComeAfterADeadlineAreToldAsOfTheDeadlineFirst() {
        Chat chat = new Chat(account());
        settings(chat.account, Map.of("notDeliveredMinutes", 10)).statusCode(200);
        chat.state("m1", MessageState.DISPATCHING, MessageState.SENT);
        chat.seen("m1", MessageState.SENT);
        CLOCK.advance(Duration.ofMinutes(12)); // the delivery comes after ND, whether or not the timer has fired
        chat.state("m1", MessageState.SENT, MessageState.DELIVERED);
        chat.seen("m1", MessageState.DELIVERED);
        CLOCK.advance(Duration.ofMinutes(40)); // and the read after the half hour
        chat.state("m1", MessageState.DELIVERED, MessageState.READ);
        chat.seen("m1", MessageState.READ);
        timer.pass();
        assertThat(chat.texts(2))
                .containsExactly(
                        PREFIX + "Till now is not delivered to the client (it has passed 10 minutes).",
                        PREFIX + "The message is finally delivered!");
    }

    @Test
    void everyCallIsAMissedCallWithTheCallersNumberAndTheAccountsLocalTime() {
        Chat chat = new Chat(account());
        events.publish(
                Topics.BILLING_ACCOUNT,
                chat.account,
                Streams.BILLING_ACCOUNT.type(),
                new BillingAccountChanged(
                        chat.account,
                        BillingAccountState.PAID,
                        "10.00",
                        "USD",
                        null,
                        1,
                        CLOCK.instant(),
                        "Asia/Tokyo"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> zones.of(chat.account).getId().equals("Asia/Tokyo")));
        Instant rang = Instant.parse("2026-12-03T14:15:42Z"); // 23:15 in Tokyo
        ProviderEvent.Call voice = new ProviderEvent.Call("call-1", "x@s.whatsapp.net", chat.chatId, false, rang);
        chat.call(voice, new ProviderEvent.Call("call-2", "x@s.whatsapp.net", chat.chatId, true, rang.plusSeconds(60)));
        chat.call(voice); // the same call again (the provider's timeout of it): still one missed call

        assertThat(chat.texts(2))
                .containsExactly(
                        PREFIX + "There was an attempt to call into whatsapp from the number " + chat.chatId
                                + " at 23:15",
                        PREFIX + "There was a video call attempt at whatsapp from the number " + chat.chatId
                                + " at 23:16");
        assertThat(chat.published(2)).containsExactly("MISSED_VOICE_CALL", "MISSED_VIDEO_CALL");

        settings(chat.account, Map.of("missedCalls", false)).statusCode(200);
        chat.call(new ProviderEvent.Call("call-3", "x@s.whatsapp.net", chat.chatId, false, rang.plusSeconds(120)));
        // a call on the same channel's partition, after it, of an account that wants calls: once it is written, the
        // switched-off one was seen and skipped
        Chat after = new Chat(account(), chat.channel);
        after.call(new ProviderEvent.Call("call-4", "x@s.whatsapp.net", after.chatId, false, rang.plusSeconds(180)));
        assertThat(after.texts(1))
                .containsExactly(PREFIX + "There was an attempt to call into whatsapp from the number " + after.chatId
                        + " at 14:18"); // UTC: billing has not announced that account
        assertThat(chat.texts(2)).hasSize(2);
    }

    @Test
    void aGroupSwitchedOffWritesNothingAndSettingsAreTheAccountsOwn() {
        Chat chat = new Chat(account());
        settings(chat.account, Map.of())
                .statusCode(200)
                .body("chatStart", equalTo(true))
                .body("delivery", equalTo(true))
                .body("notDeliveredMinutes", equalTo(30));
        settings(chat.account, Map.of("chatStart", false, "delivery", false))
                .statusCode(200)
                .body("chatStart", equalTo(false))
                .body("missedCalls", equalTo(true));
        given().auth()
                .oauth2(token(chat.account))
                .get("/v1/accounts/{id}/system-messages", chat.account)
                .then()
                .statusCode(200)
                .body("delivery", equalTo(false));
        chat.publish(chat.event("m1", MessageState.QUEUED, MessageState.SENT, FirstContact.WHATSAPP));
        chat.seen("m1", MessageState.SENT);
        CLOCK.advance(Duration.ofHours(1));
        timer.pass();
        chat.state("m1", MessageState.SENT, MessageState.UNKNOWN);
        chat.seen("m1", MessageState.UNKNOWN);
        assertThat(chat.texts(0)).isEmpty();

        settings(chat.account, Map.of("notDeliveredMinutes", 0))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("at least 1 minute"));
        settings(chat.account, Map.of("notReadHours", 169)).statusCode(400);
        settings(chat.account, Map.of("sometimes", true)).statusCode(400);
        given().auth()
                .oauth2(token(chat.account))
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/v1/accounts/{id}/system-messages", account())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token(account()))
                .get("/v1/channels/{id}/system-messages", chat.channel)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    /** One client's chat in a channel, and the events of its outbound messages. */
    private final class Chat {
        final String account;
        final String channel;
        final String chatId = "+1415555" + String.format("%04d", (int) (Math.random() * 10_000));

        Chat(String account) {
            this(account, UUID.randomUUID().toString());
        }

        Chat(String account, String channel) {
            this.account = account;
            this.channel = channel;
        }

        MessageStatusChanged event(String message, MessageState from, MessageState to, FirstContact firstContact) {
            return new MessageStatusChanged(
                    channel + "-" + message,
                    channel,
                    account,
                    chatId,
                    from,
                    to,
                    null,
                    to == MessageState.SENT ? "wamid." + message : null,
                    null,
                    CLOCK.instant(),
                    null,
                    firstContact);
        }

        void publish(MessageStatusChanged event) {
            events.publish(Topics.MESSAGE_STATUS, channel, Streams.MESSAGE_STATUS.type(), event);
        }

        void call(ProviderEvent.Call... calls) {
            String id = UUID.randomUUID().toString();
            events.publish(
                    Topics.PROVIDER_EVENTS,
                    channel,
                    Streams.PROVIDER_EVENTS.type(),
                    new ProviderEvent(
                            id,
                            id,
                            channel,
                            account,
                            "SIM-1",
                            ProviderEventType.CALL,
                            "calls.post",
                            CLOCK.instant(),
                            null,
                            null,
                            null,
                            "{}",
                            null,
                            null,
                            List.of(calls),
                            null,
                            null));
        }

        void state(String message, MessageState from, MessageState to) {
            publish(event(message, from, to, null));
        }

        /** Waits until the service has applied this state of the chat's message. */
        void seen(String message, MessageState state) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> QuarkusTransaction.requiringNew().call(() -> {
                        ChatWatch watch = watches.findById(channel + "/" + chatId);
                        return watch != null
                                && (channel + "-" + message).equals(watch.lastMessageId)
                                && watch.lastState == state;
                    }));
        }

        /** Waits for this many system messages in the chat on the API, and returns their texts. */
        List<String> texts(int count) {
            await().atMost(Duration.ofSeconds(20)).until(() -> items().size() >= count);
            List<String> texts =
                    items().stream().map(item -> item.path("text").asText()).toList();
            assertThat(texts).as("system messages of %s", chatId).hasSize(count);
            return texts;
        }

        /** Waits for this many on chat.system-messages.v1, and returns their kinds. */
        List<String> published(int count) {
            await().atMost(Duration.ofSeconds(20)).until(() -> onTopic().size() >= count);
            List<String> kinds =
                    onTopic().stream().map(event -> event.path("kind").asText()).toList();
            assertThat(kinds).hasSize(count);
            assertThat(onTopic())
                    .allSatisfy(event -> assertThat(event.path("text").asText()).startsWith(PREFIX));
            return kinds;
        }

        private List<JsonNode> onTopic() {
            return topic.on(Topics.CHAT_SYSTEM_MESSAGES, channel).stream()
                    .map(r -> read(r.value()))
                    .filter(event -> event.path("chatId").asText().equals(chatId))
                    .toList();
        }

        private List<JsonNode> items() {
            var answer = given().auth()
                    .oauth2(token(account))
                    .queryParam("chatId", chatId)
                    .get("/v1/channels/{id}/system-messages", channel)
                    .then();
            if (answer.extract().statusCode() == 404) {
                return List.of(); // not heard of the channel yet
            }
            String body = answer.statusCode(200).extract().asString();
            return java.util.stream.StreamSupport.stream(
                            read(body).path("items").spliterator(), false)
                    .toList();
        }
    }

    private static io.restassured.response.ValidatableResponse settings(String account, Map<String, Object> body) {
        return given().auth()
                .oauth2(token(account))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/v1/accounts/{id}/system-messages", account)
                .then();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String account() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String token(String account) {
        return TestInfrastructure.get().tokens().token(account);
    }
}
