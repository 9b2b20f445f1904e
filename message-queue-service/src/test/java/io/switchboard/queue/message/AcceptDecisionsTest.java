package io.switchboard.queue.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.queue.account.AccountSettings;
import io.switchboard.queue.account.ReleaseMode;
import io.switchboard.queue.channel.ChannelLane;
import io.switchboard.queue.channel.ChannelLanes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The acceptance rules on their own: no database, no broker. */
@Tag("fast")
class AcceptDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration MAX_TTL = Duration.ofDays(7);

    @Test
    void anActiveChannelQueuesAndAHeldOneFreezesByItsStatus() {
        AcceptDecisions decisions = new AcceptDecisions(Map.of(), MAX_TTL, NOW, Map.of());

        decisions.decide(request("c1", item("+4915112345678", "hi", null)), lane("c1", ChannelStatus.ACTIVE, false));
        decisions.decide(
                request("c2", item("+4915112345678", "hi", null)), lane("c2", ChannelStatus.PHONE_UNAVAILABLE, false));

        assertThat(decisions.fresh())
                .extracting(Messages.NewMessage::state, Messages.NewMessage::heldBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MessageState.QUEUED, null),
                        org.assertj.core.groups.Tuple.tuple(MessageState.FROZEN, ChannelStatus.PHONE_UNAVAILABLE));
        assertThat(decisions.fresh().get(0).expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aBacklogHeldForAPersonFreezesNewMessagesForRelease() {
        AcceptDecisions decisions = new AcceptDecisions(Map.of(), MAX_TTL, NOW, Map.of());

        decisions.decide(request("c1", item("+4915112345678", "hi", null)), lane("c1", ChannelStatus.ACTIVE, true));

        assertThat(decisions.fresh()).singleElement().satisfies(message -> {
            assertThat(message.state()).isEqualTo(MessageState.FROZEN);
            assertThat(message.heldBy()).isNull();
            assertThat(message.reason()).isEqualTo(Held.FOR_RELEASE);
        });
    }

    @Test
    void aRejectingStatusRefusesWithItsRequiredActionAndStoresNothing() {
        AcceptDecisions decisions = new AcceptDecisions(Map.of(), MAX_TTL, NOW, Map.of());

        List<AcceptDecisions.Slot> slots = decisions.decide(
                request("c1", item("+4915112345678", "hi", null)), lane("c1", ChannelStatus.QR_REQUIRED, false));

        assertThat(decisions.fresh()).isEmpty();
        assertThat(slots.get(0).resolve(Map.of())).isInstanceOfSatisfying(Acceptance.Refused.class, refused -> {
            assertThat(refused.problem().status()).isEqualTo(409);
            assertThat(refused.problem().extensions()).containsEntry("channelStatus", ChannelStatus.QR_REQUIRED);
        });
    }

    @Test
    void aTimeToLiveOverTheLimitIsRefused() {
        AcceptDecisions decisions = new AcceptDecisions(Map.of(), MAX_TTL, NOW, Map.of());

        List<AcceptDecisions.Slot> slots = decisions.decide(
                request("c1", new Acceptance.Item("+4915112345678", "hi", null, MAX_TTL.toSeconds() + 1, null)),
                lane("c1", ChannelStatus.ACTIVE, false));

        assertThat(decisions.fresh()).isEmpty();
        assertThat(slots.get(0).resolve(Map.of()))
                .isInstanceOfSatisfying(
                        Acceptance.Refused.class,
                        refused -> assertThat(refused.problem().status()).isEqualTo(400));
    }

    @Test
    void aKeyStoredEarlierAnswersItsMessageAndRefusesAnotherBody() {
        Acceptance.Item same = item("+4915112345678", "hi", "k1");
        StoredMessage earlier = stored("m0", "k1", AcceptDecisions.requestHash("c1", same));
        AcceptDecisions decisions = new AcceptDecisions(Map.of("a1", Map.of("k1", earlier)), MAX_TTL, NOW, Map.of());

        List<AcceptDecisions.Slot> slots = decisions.decide(
                request("c1", same, item("+4915112345678", "another text", "k1")),
                lane("c1", ChannelStatus.QR_REQUIRED, false)); // a repeat is answered whatever the status is now

        assertThat(decisions.fresh()).isEmpty();
        assertThat(slots.get(0).resolve(Map.of())).isEqualTo(new Acceptance.Accepted(earlier, true));
        assertThat(slots.get(1).resolve(Map.of()))
                .isInstanceOfSatisfying(
                        Acceptance.Refused.class,
                        refused -> assertThat(refused.problem().type()).endsWith("idempotency-key-reused"));
    }

    @Test
    void theSameKeyTwiceInAGroupMakesOneMessage() {
        AcceptDecisions decisions = new AcceptDecisions(Map.of(), MAX_TTL, NOW, Map.of());

        List<AcceptDecisions.Slot> first = decisions.decide(
                request("c1", item("+4915112345678", "hi", "k1")), lane("c1", ChannelStatus.ACTIVE, false));
        List<AcceptDecisions.Slot> second = decisions.decide(
                request("c1", item("+4915112345678", "hi", "k1")), lane("c1", ChannelStatus.ACTIVE, false));

        assertThat(decisions.fresh()).hasSize(1);
        StoredMessage row = stored(
                decisions.fresh().get(0).id(), "k1", decisions.fresh().get(0).requestHash());
        Map<String, StoredMessage> storedById = Map.of(row.id(), row);
        assertThat(first.get(0).resolve(storedById)).isEqualTo(new Acceptance.Accepted(row, false));
        assertThat(second.get(0).resolve(storedById)).isEqualTo(new Acceptance.Accepted(row, true));
        // Not stored: another request of the account took the key between the read and the insert.
        assertThat(first.get(0).resolve(Map.of())).isInstanceOf(Acceptance.Refused.class);
    }

    @Test
    void aCloudApiChannelSendsFreeTextOnlyWithin24HoursOfTheClientsLastMessage() {
        AcceptDecisions decisions = new AcceptDecisions(
                Map.of(),
                MAX_TTL,
                NOW,
                Map.of(
                        ServiceWindows.key("c1", "+4915112345678"), NOW.minus(Duration.ofHours(23)),
                        ServiceWindows.key("c1", "+4915112345679"), NOW.minus(Duration.ofHours(24))));
        ChannelLanes.LaneWithSettings cloud = lane("c1", ChannelStatus.ACTIVE, false, ChannelKind.CLOUD_API);

        List<AcceptDecisions.Slot> slots = decisions.decide(
                request(
                        "c1",
                        item("+4915112345678", "wrote 23 hours ago", null),
                        item("+4915112345679", "wrote 24 hours ago", null),
                        item("+4915112345670", "never wrote", null)),
                cloud);

        assertThat(decisions.fresh())
                .singleElement()
                .extracting(Messages.NewMessage::text)
                .isEqualTo("wrote 23 hours ago");
        Acceptance.Refused closed = (Acceptance.Refused) slots.get(1).resolve(Map.of());
        assertThat(closed.problem().status()).isEqualTo(409);
        assertThat(closed.problem().detail()).contains("+4915112345679", "within 24 hours", "template");
        assertThat(closed.problem().extensions())
                .containsEntry("windowClosedAt", NOW)
                .containsEntry("chatId", "+4915112345679");
        Acceptance.Refused never = (Acceptance.Refused) slots.get(2).resolve(Map.of());
        assertThat(never.problem().type()).endsWith("outside-service-window");
        assertThat(never.problem().detail()).contains("(never)");
        // A WhatsApp Web session has no such window.
        decisions.decide(
                request("c2", item("+4915112345670", "never wrote", null)), lane("c2", ChannelStatus.ACTIVE, false));
        assertThat(decisions.fresh()).hasSize(2);
    }

    @Test
    void aTemplateGoesOutsideTheServiceWindowOnACloudApiChannelOnly() {
        AcceptDecisions decisions = new AcceptDecisions(Map.of(), MAX_TTL, NOW, Map.of());
        MessageTemplate template = new MessageTemplate(
                "order_update",
                "en_US",
                List.of(new MessageTemplate.Parameter("Kerry"), new MessageTemplate.Parameter("#1234")));
        Acceptance.Item item = new Acceptance.Item("+4915112345670", null, null, null, template);

        decisions.decide(request("c1", item), lane("c1", ChannelStatus.ACTIVE, false, ChannelKind.CLOUD_API));
        List<AcceptDecisions.Slot> web = decisions.decide(request("c2", item), lane("c2", ChannelStatus.ACTIVE, false));

        assertThat(decisions.fresh()).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("template order_update (en_US): Kerry, #1234");
            assertThat(message.template())
                    .isEqualTo("{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"},\"components\":"
                            + "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Kerry\"},"
                            + "{\"type\":\"text\",\"text\":\"#1234\"}]}]}");
        });
        Acceptance.Refused refused = (Acceptance.Refused) web.get(0).resolve(Map.of());
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().detail()).contains("template");
    }

    private static Acceptance.Item item(String chatId, String text, String key) {
        return new Acceptance.Item(chatId, text, key, null, null);
    }

    private static Acceptance.Request request(String channelId, Acceptance.Item... items) {
        return new Acceptance.Request("a1", channelId, List.of(items));
    }

    private static ChannelLanes.LaneWithSettings lane(String channelId, ChannelStatus status, boolean held) {
        return lane(channelId, status, held, ChannelKind.WEB_SESSION);
    }

    private static ChannelLanes.LaneWithSettings lane(
            String channelId, ChannelStatus status, boolean held, ChannelKind kind) {
        ChannelLane lane = new ChannelLane(
                channelId,
                "a1",
                status,
                status.defaultSendPolicy(),
                status.requiredAction(),
                "provider-" + channelId,
                kind,
                1,
                NOW,
                false,
                held,
                null,
                null,
                null,
                null,
                null,
                null,
                0);
        AccountSettings settings = new AccountSettings(
                ReleaseMode.AUTO,
                Duration.ofDays(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                20,
                Map.<ChannelStatus, SendPolicy>of());
        return new ChannelLanes.LaneWithSettings(lane, settings);
    }

    private static StoredMessage stored(String id, String key, String hash) {
        return new StoredMessage(
                id,
                1,
                "a1",
                "c1",
                "+4915112345678",
                "hi",
                MessageState.QUEUED,
                null,
                null,
                null,
                null,
                0,
                0,
                key,
                hash,
                NOW.plus(Duration.ofDays(1)),
                NOW,
                NOW,
                null,
                null,
                null,
                null);
    }
}
