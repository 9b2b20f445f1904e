package io.switchboard.notification.chat;

import io.switchboard.contracts.message.MessageState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.stream.Stream;

/** Where a chat's last outbound message stands, and the system-message timers that wait on it. */
@Entity
@Table(name = "chat_watch")
public class ChatWatch {

    @Id
    @Column(name = "chat_key")
    public String chatKey;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(name = "chat_id", nullable = false)
    public String chatId;

    @Column(name = "last_message_id")
    public String lastMessageId;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_state")
    public MessageState lastState;

    @Column(name = "last_sent_at")
    public Instant lastSentAt;

    @Column(name = "last_delivered_at")
    public Instant lastDeliveredAt;
    /** ND and NR as they were when the last message was sent: the texts name them. */
    @Column(name = "not_delivered_minutes")
    public Integer notDeliveredMinutes;

    @Column(name = "not_read_hours")
    public Integer notReadHours;

    @Column(name = "not_delivered_due")
    public Instant notDeliveredDue;

    @Column(name = "read_window_due")
    public Instant readWindowDue;

    @Column(name = "not_read_due")
    public Instant notReadDue;
    /** The earliest of the three: what the timer looks at. */
    @Column(name = "due_at")
    public Instant dueAt;
    /** "Not delivered" was written for the last message; its sequel (delivered and read, finally delivered) is owed. */
    @Column(name = "not_delivered_told", nullable = false)
    public boolean notDeliveredTold;
    /** "Not read" was written; "all read" is owed when the last message is read. */
    @Column(name = "not_read_told", nullable = false)
    public boolean notReadTold;

    @Column(name = "unknown_told_at")
    public Instant unknownToldAt;

    static String key(String channelId, String chatId) {
        return channelId + "/" + chatId;
    }

    SystemMessages.Chat chat() {
        return new SystemMessages.Chat(accountId, channelId, chatId);
    }

    void updateDue() {
        dueAt = Stream.of(notDeliveredDue, readWindowDue, notReadDue)
                .filter(java.util.Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
    }
}
