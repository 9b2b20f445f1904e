package io.switchboard.notification.chat;

import io.switchboard.contracts.chat.SystemMessageKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A system message written into a client's chat, as it was published. */
@Entity
@Table(name = "system_message")
public class SystemMessage {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(name = "chat_id", nullable = false)
    public String chatId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SystemMessageKind kind;

    @Column(nullable = false)
    public String text;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "dedupe_key", nullable = false)
    public String dedupeKey;
}
