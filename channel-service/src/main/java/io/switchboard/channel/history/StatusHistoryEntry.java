package io.switchboard.channel.history;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change of a channel's state, kept for ever (also after deletion). */
@Entity
@Table(name = "channel_status_history")
public class StatusHistoryEntry {

    /** Ids are taken 50 at a time, so that a batch of changes is one multi-row insert. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "history_ids")
    @SequenceGenerator(name = "history_ids", sequenceName = "channel_status_history_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "channel_id", nullable = false)
    public String channelId;

    public long version;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_status")
    public ChannelStatus previousStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChannelStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StatusCause cause;

    public String detail;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
