package io.switchboard.notification.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account's choice of system messages: each group on or off, ND and NR. */
@Entity
@Table(name = "system_message_settings")
public class AccountSystemMessages {

    @Id
    @Column(name = "account_id")
    public String accountId;
    /** Chat initialised / chat not possible. */
    @Column(name = "chat_start", nullable = false)
    public boolean chatStart;
    /** Missed voice and video calls. */
    @Column(name = "missed_calls", nullable = false)
    public boolean missedCalls;
    /** Not delivered, delivered and read, finally delivered, not read, all read, status unknown. */
    @Column(nullable = false)
    public boolean delivery;

    @Column(name = "not_delivered_minutes", nullable = false)
    public int notDeliveredMinutes;

    @Column(name = "not_read_hours", nullable = false)
    public int notReadHours;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The settings of an account that has not chosen. */
    static AccountSystemMessages defaults(String accountId, SystemMessageSettings settings) {
        AccountSystemMessages chosen = new AccountSystemMessages();
        chosen.accountId = accountId;
        chosen.chatStart = true;
        chosen.missedCalls = true;
        chosen.delivery = true;
        chosen.notDeliveredMinutes = settings.notDeliveredMinutes();
        chosen.notReadHours = settings.notReadHours();
        return chosen;
    }
}
