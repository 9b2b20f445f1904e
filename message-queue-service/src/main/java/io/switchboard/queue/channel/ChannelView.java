package io.switchboard.queue.channel;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.RequiredAction;
import io.switchboard.contracts.channel.SendPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The queue's own copy of a channel's status and send policy, kept from {@code channel.status.v1}. */
@Entity
@Table(name = "channel_view")
public class ChannelView {

    @Id
    @Column(name = "channel_id")
    public String channelId;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChannelStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "send_policy", nullable = false)
    public SendPolicy sendPolicy;
    @Enumerated(EnumType.STRING)
    @Column(name = "required_action", nullable = false)
    public RequiredAction requiredAction;
    @Column(name = "provider_channel_id")
    public String providerChannelId;
    public long version;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
