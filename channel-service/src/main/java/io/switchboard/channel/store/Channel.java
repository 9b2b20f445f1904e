package io.switchboard.channel.store;

import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.CloudStanding;
import io.switchboard.contracts.channel.MessagingLimit;
import io.switchboard.contracts.channel.MessagingRestriction;
import io.switchboard.contracts.channel.NumberQuality;
import io.switchboard.contracts.channel.RequiredAction;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.platform.secrets.SealedText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A channel: one WhatsApp number of one account. The number never changes. The effective status is derived from
 * the flags and the live connection status, never stored.
 */
@Entity
@Table(name = "channel")
public class Channel {

    @Id
    public String id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(nullable = false, updatable = false)
    public String phone;

    @Column(nullable = false)
    public String name;

    public boolean enabled;
    public boolean deleted;
    public boolean paid;

    @Enumerated(EnumType.STRING)
    @Column(name = "connection_status", nullable = false)
    public ChannelStatus connectionStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ChannelKind kind = ChannelKind.WEB_SESSION;
    /** The Cloud API's id of the number ({@code phone_number_id}); Cloud API channels only. */
    @Column(name = "cloud_phone_number_id", updatable = false)
    public String cloudPhoneNumberId;
    /** The two-step verification PIN the number is registered with; Cloud API channels only. */
    @Column(name = "registration_pin")
    @Convert(converter = SealedText.class)
    public String registrationPin;

    /** The WhatsApp Business Account of the number, which Meta's {@code account_update} webhooks name. */
    @Column(name = "cloud_business_account_id", updatable = false)
    public String cloudBusinessAccountId;

    /** Meta's quality rating of a Cloud API number; null until Meta told it. */
    @Enumerated(EnumType.STRING)
    public NumberQuality quality;

    @Enumerated(EnumType.STRING)
    @Column(name = "messaging_limit")
    public MessagingLimit messagingLimit;

    /** What Meta restricted of the number's messaging; null when nothing is. */
    @Enumerated(EnumType.STRING)
    public MessagingRestriction restriction;

    @Column(name = "restricted_until")
    public Instant restrictedUntil;

    /** Why Meta limits what the number can send (health_status LIMITED); null when it does not. */
    @Column(name = "sending_limited_by")
    public String sendingLimitedBy;

    @Column(name = "provider_channel_id")
    public String providerChannelId;

    @Column(name = "webhook_secret", nullable = false)
    @Convert(converter = SealedText.class)
    public String webhookSecret;
    /** Provider session start ({@code health.start_at}) of the last health applied. */
    @Column(name = "health_started_at")
    public Long healthStartedAt;
    /** Provider uptime of the last health applied: an older one is out of order. */
    @Column(name = "health_uptime")
    public Long healthUptime;

    @Column(name = "whatsapp_user_id")
    public String whatsappUserId;

    @Column(name = "whatsapp_user_name")
    public String whatsappUserName;
    /** The current QR code (base64 PNG) while the channel waits for a scan. */
    @Column(name = "qr_image")
    public String qrImage;

    @Column(name = "qr_expires_at")
    public Instant qrExpiresAt;
    /** When the phone came back online: the channel is expected ACTIVE within minutes of it. */
    @Column(name = "phone_online_at")
    public Instant phoneOnlineAt;
    /** Three or more reconnect cycles within the flap window, until a quiet period passes. */
    public boolean unstable;
    /** The last reconnect cycles (ACTIVE back to STARTING) within the flap window, oldest first. */
    @Convert(converter = InstantListConverter.class)
    @Column(name = "reconnects")
    public List<Instant> reconnects = List.of();
    /** STARTING for longer than the stuck threshold, until it leaves STARTING. */
    public boolean stuck;
    /** Grows by one with every change of the channel's state. */
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Since when its sends got no receipts though the provider reports it healthy; null while it delivers. */
    @Column(name = "delivery_stalled_since")
    public Instant deliveryStalledSince;

    public ChannelStatus effectiveStatus() {
        return ChannelStatus.effective(deleted, enabled, paid, connectionStatus);
    }

    /** Its delivery stalled in a status that would send: its new messages are held. */
    public boolean deliveryStalled() {
        return deliveryStalledSince != null && effectiveStatus().defaultSendPolicy() == SendPolicy.SEND;
    }

    /**
     * Meta restricted it from answering clients, in a status that would send: its new messages are held until the
     * restriction ends. A restriction of business-initiated conversations alone holds nothing here: replies may go.
     */
    public boolean restrictedFromSending() {
        return restriction != null
                && restriction != MessagingRestriction.BUSINESS_INITIATED
                && effectiveStatus().defaultSendPolicy() == SendPolicy.SEND;
    }

    /**
     * What happens to a new message: the status's policy, but QUEUE while the delivery is stalled or Meta restricted
     * the number from answering.
     */
    public SendPolicy sendPolicy() {
        return deliveryStalled() || restrictedFromSending()
                ? SendPolicy.QUEUE
                : effectiveStatus().defaultSendPolicy();
    }

    /** What a person must do: the status's action, or what the held messages wait for. */
    public RequiredAction requiredAction() {
        if (deliveryStalled()) {
            return RequiredAction.CHECK_DELIVERY;
        }
        return restrictedFromSending()
                ? RequiredAction.WAIT_FOR_RESTRICTION_END
                : effectiveStatus().requiredAction();
    }

    /** How Meta rates and limits it: null for a WhatsApp Web channel. */
    public CloudStanding cloudStanding() {
        return kind == ChannelKind.CLOUD_API
                ? new CloudStanding(quality, messagingLimit, restriction, restrictedUntil, sendingLimitedBy)
                : null;
    }

    /**
     * Where the channel's messages are sent, as events carry it ({@code providerChannelId}): the provider session of a
     * WhatsApp Web channel, the Cloud API {@code phone_number_id} of an official number.
     */
    public String sendingId() {
        return kind == ChannelKind.CLOUD_API ? cloudPhoneNumberId : providerChannelId;
    }
}
