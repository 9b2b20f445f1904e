package io.switchboard.notification.curator;

import io.switchboard.platform.secrets.SealedText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A person of an account who is told about its channels and balance, by email, by webhook, or both. The channels and
 * kinds are stored as comma-separated lists: they are read with the curator, never queried by.
 */
@Entity
@Table(name = "curator")
public class Curator {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(nullable = false)
    public String name;

    public String email;

    @Column(name = "webhook_url")
    public String webhookUrl;
    /** Signs the curator's webhooks ({@code whsec_} + base64); null without a webhook. */
    @Column(name = "webhook_secret")
    @Convert(converter = SealedText.class)
    public String webhookSecret;
    /** The secret before the last rotation: it signs too, beside the new one, until {@link #previousSecretUntil}. */
    @Column(name = "previous_webhook_secret")
    @Convert(converter = SealedText.class)
    public String previousWebhookSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;
    /** Set when the receiver answered 410 Gone: nothing more is sent to it until the webhook is replaced. */
    @Column(name = "webhook_disabled_at")
    public Instant webhookDisabledAt;

    @Column(name = "webhook_disabled_reason")
    public String webhookDisabledReason;

    @Column(name = "all_channels")
    public boolean allChannels;
    /** The channels followed when not all, comma-separated. */
    @Column(name = "channel_ids", nullable = false)
    public String channelIds;
    /** The kinds wanted, comma-separated {@link NotificationKind} names. */
    @Column(nullable = false)
    public String kinds;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether the curator wants this kind, about this channel (null: about the account, e.g. its balance). */
    public boolean follows(NotificationKind kind, String channelId) {
        return CuratorView.split(kinds).contains(kind.name())
                && (channelId == null
                        || allChannels
                        || CuratorView.split(channelIds).contains(channelId));
    }

    /** A webhook that may be sent to: set, and not disabled by a 410. */
    public boolean hasWorkingWebhook() {
        return webhookUrl != null && webhookDisabledAt == null;
    }
}
