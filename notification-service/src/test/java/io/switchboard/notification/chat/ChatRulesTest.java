package io.switchboard.notification.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contracts.chat.SystemMessageKind;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The system messages' rules on their own (docs/product/system-messages.md): the chat's watch and what is written
 * are kept in memory, each message once per dedupe key as the table keeps them.
 */
@Tag("fast")
class ChatRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    private static final int ND_MINUTES = 30;
    private static final int NR_HOURS = 12;

    private final Map<String, ChatWatch> watches = new HashMap<>();
    private final List<SystemMessageKind> written = new ArrayList<>();
    private final AccountSystemMessages chosen = AccountSystemMessages.defaults("acme", SETTINGS);
    private final ChatRules rules =
            new ChatRules(new InMemoryWatches(), new RecordingMessages(), new Chosen(), SETTINGS);

    @Test
    void theStartOfAChatIsToldOnceForEachAnswerOfTheContactCheck() {
        rules.apply(event("m1", MessageState.SENT, T0, FirstContact.WHATSAPP));
        rules.apply(event("m1", MessageState.SENT, T0, FirstContact.WHATSAPP)); // redelivered
        rules.apply(event("m2", MessageState.SENT, T0.plusSeconds(5), FirstContact.WHATSAPP)); // checked again

        assertThat(written).containsExactly(SystemMessageKind.CHAT_INITIALISED);
    }

    @Test
    void notDeliveredInTimeThenReadWithinTheWindowIsToldAsDeliveredAndRead() {
        rules.apply(event("m1", MessageState.SENT, T0, null));
        fireAt(T0.plus(Duration.ofMinutes(ND_MINUTES)));
        rules.apply(event("m1", MessageState.DELIVERED, T0.plus(Duration.ofMinutes(40)), null));
        rules.apply(event("m1", MessageState.READ, T0.plus(Duration.ofMinutes(50)), null));

        assertThat(written).containsExactly(SystemMessageKind.NOT_DELIVERED, SystemMessageKind.DELIVERED_AND_READ);
    }

    @Test
    void notDeliveredInTimeThenDeliveredButNotReadInTheWindowIsToldAsFinallyDelivered() {
        rules.apply(event("m1", MessageState.SENT, T0, null));
        fireAt(T0.plus(Duration.ofMinutes(ND_MINUTES)));
        Instant delivered = T0.plus(Duration.ofMinutes(40));
        rules.apply(event("m1", MessageState.DELIVERED, delivered, null));
        fireAt(delivered.plus(SETTINGS.readWindow()));

        assertThat(written).containsExactly(SystemMessageKind.NOT_DELIVERED, SystemMessageKind.FINALLY_DELIVERED);
    }

    @Test
    void deliveredAndNotReadForHoursIsToldAndItsReadingToo() {
        rules.apply(event("m1", MessageState.SENT, T0, null));
        Instant delivered = T0.plusSeconds(2);
        rules.apply(event("m1", MessageState.DELIVERED, delivered, null));
        fireAt(delivered.plus(Duration.ofHours(NR_HOURS)));
        rules.apply(event("m1", MessageState.READ, delivered.plus(Duration.ofHours(13)), null));

        assertThat(written).containsExactly(SystemMessageKind.NOT_READ, SystemMessageKind.ALL_READ);
    }

    @Test
    void aDeadlineAnEventComesAfterIsAppliedAsOfTheDeadlineFirst() {
        rules.apply(event("m1", MessageState.SENT, T0, null));
        // the consumer lagged: the delivery arrives after the deadline whose timer has not fired
        rules.apply(event("m1", MessageState.DELIVERED, T0.plus(Duration.ofMinutes(45)), null));

        assertThat(written).containsExactly(SystemMessageKind.NOT_DELIVERED);
    }

    @Test
    void aNewMessageDropsTheTimersOfTheOneBefore() {
        rules.apply(event("m1", MessageState.SENT, T0, null));
        rules.apply(event("m2", MessageState.SENT, T0.plus(Duration.ofMinutes(20)), null));
        fireAt(T0.plus(Duration.ofMinutes(ND_MINUTES)));

        assertThat(written).isEmpty();
        fireAt(T0.plus(Duration.ofMinutes(20 + ND_MINUTES)));
        assertThat(written).containsExactly(SystemMessageKind.NOT_DELIVERED);
    }

    @Test
    void statusUnknownIsToldAtMostOnceADayInAChat() {
        rules.apply(event("m1", MessageState.UNKNOWN, T0, null));
        rules.apply(event("m2", MessageState.UNKNOWN, T0.plus(Duration.ofHours(23)), null));
        rules.apply(event("m3", MessageState.UNKNOWN, T0.plus(Duration.ofHours(24)), null));

        assertThat(written).containsExactly(SystemMessageKind.STATUS_UNKNOWN, SystemMessageKind.STATUS_UNKNOWN);
    }

    @Test
    void anAccountThatSwitchedTheDeliveryGroupOffIsToldNothingOfIt() {
        chosen.delivery = false;
        rules.apply(event("m1", MessageState.SENT, T0, null));
        fireAt(T0.plus(Duration.ofHours(1)));
        rules.apply(event("m1", MessageState.UNKNOWN, T0.plus(Duration.ofHours(2)), null));

        assertThat(written).isEmpty();
    }

    private void fireAt(Instant now) {
        watches.keySet().forEach(key -> rules.fireOne(key, now));
    }

    private static MessageStatusChanged event(String messageId, MessageState state, Instant at, FirstContact contact) {
        return new MessageStatusChanged(
                messageId, "c1", "acme", "+4915112345678", null, state, null, null, null, at, null, contact);
    }

    private static final SystemMessageSettings SETTINGS = new SystemMessageSettings() {
        @Override
        public String brand() {
            return "Switchboard";
        }

        @Override
        public int notDeliveredMinutes() {
            return ND_MINUTES;
        }

        @Override
        public int notReadHours() {
            return NR_HOURS;
        }

        @Override
        public Duration readWindow() {
            return Duration.ofMinutes(30);
        }

        @Override
        public Duration unknownInterval() {
            return Duration.ofHours(24);
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofSeconds(1);
        }
    };

    /** The chats' watches, as the table keeps them: made on first sight, due when their earliest deadline passed. */
    private final class InMemoryWatches extends ChatWatches {

        @Override
        public ChatWatch locked(MessageStatusChanged event) {
            return watches.computeIfAbsent(ChatWatch.key(event.channelId(), event.chatId()), key -> {
                ChatWatch watch = new ChatWatch();
                watch.chatKey = key;
                watch.accountId = event.accountId();
                watch.channelId = event.channelId();
                watch.chatId = event.chatId();
                return watch;
            });
        }

        @Override
        public Optional<ChatWatch> claimIfDue(String key, Instant now) {
            ChatWatch watch = watches.get(key);
            return watch != null && watch.dueAt != null && !watch.dueAt.isAfter(now)
                    ? Optional.of(watch)
                    : Optional.empty();
        }
    }

    /** What is written, once per dedupe key. */
    private final class RecordingMessages extends SystemMessages {

        private final Set<String> keys = new HashSet<>();

        RecordingMessages() {
            super(null, null);
        }

        @Override
        public boolean write(
                SystemMessages.Chat chat,
                SystemMessageKind kind,
                Object number,
                String time,
                Instant at,
                String dedupeKey) {
            if (!keys.add(dedupeKey)) {
                return false;
            }
            written.add(kind);
            return true;
        }
    }

    private final class Chosen extends SystemMessagesByAccount {

        Chosen() {
            super(SETTINGS);
        }

        @Override
        public AccountSystemMessages of(String accountId) {
            return chosen;
        }
    }
}
