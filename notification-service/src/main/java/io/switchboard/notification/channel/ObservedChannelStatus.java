package io.switchboard.notification.channel;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.RequiredAction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A channel status change as this service received it: the input of curator notifications. */
@Entity
@Table(name = "observed_channel_status")
public class ObservedChannelStatus {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_status")
    public ChannelStatus previousStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChannelStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "required_action", nullable = false)
    public RequiredAction requiredAction;

    public long version;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
