package io.switchboard.channel.timer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A durable timer of a channel, at most one per kind: it survives restarts and is fired by one replica. A timer is
 * also the "to do" row of a provider call decided under the channel's lock and made after the commit.
 */
@Entity
@Table(name = "channel_timer")
@IdClass(ChannelTimer.Key.class)
public class ChannelTimer {

    @Id
    @Column(name = "channel_id")
    public String channelId;

    @Id
    @Enumerated(EnumType.STRING)
    public TimerKind kind;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;
    /** The attempt this setting is for (take-over attempts count up). */
    public int attempt;
    /** Failures in a row of this setting (its call could not be made): the back-off. */
    public int failures;

    @Column(name = "last_error")
    public String lastError;
    /** New for every setting: the answer of a call is applied only to the setting that made it. */
    public long generation;

    /** The primary key: channel and kind. */
    public static class Key implements Serializable {
        public String channelId;
        public TimerKind kind;

        public Key() {}

        public Key(String channelId, TimerKind kind) {
            this.channelId = channelId;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.channelId.equals(channelId) && key.kind == kind;
        }

        @Override
        public int hashCode() {
            return Objects.hash(channelId, kind);
        }
    }
}
