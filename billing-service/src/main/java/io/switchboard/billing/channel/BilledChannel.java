package io.switchboard.billing.channel;

import io.switchboard.contracts.channel.ChannelStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A channel as billing sees it: whose it is and whether it counts for the daily charge. */
@Entity
@Table(name = "billed_channel")
public class BilledChannel {

    @Id
    @Column(name = "channel_id")
    public String channelId;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChannelStatus status;
    /** Enabled and not deleted: counted for the runway. A NOT_PAID channel stays billable (it is still switched on). */
    public boolean billable;
    /** Charged now: billable and its account paid. A channel that cannot work (NOT_PAID) is not charged. */
    public boolean charged;

    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static boolean billable(ChannelStatus status) {
        return status != ChannelStatus.DISABLED && status != ChannelStatus.DELETED;
    }

    static boolean charged(ChannelStatus status) {
        return billable(status) && status != ChannelStatus.NOT_PAID;
    }
}
