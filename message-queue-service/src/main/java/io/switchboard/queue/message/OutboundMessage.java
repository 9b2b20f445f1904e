package io.switchboard.queue.message;

import io.switchboard.contracts.message.MessageState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Generated;

/** A message accepted for a channel; it goes out in acceptance order ({@code seq}) and ends in one end state. */
@Entity
@Table(name = "outbound_message")
public class OutboundMessage {

    @Id
    public String id;
    /** Assigned by the database on insert: the acceptance order. */
    @Generated
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "channel_id", nullable = false)
    public String channelId;
    @Column(name = "chat_id", nullable = false)
    public String chatId;
    @Column(nullable = false)
    public String text;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageState state;
    public String reason;
    @Column(name = "provider_message_id")
    public String providerMessageId;
    @Column(name = "error_code")
    public String errorCode;
    public int attempts;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
