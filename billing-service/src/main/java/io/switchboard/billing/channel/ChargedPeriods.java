package io.switchboard.billing.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The spans of time each channel was charged: opened when it starts to count, closed when it stops. */
@ApplicationScoped
public class ChargedPeriods {

    /** A span; {@code endedAt} null while it lasts. */
    public record Period(String channelId, Instant startedAt, Instant endedAt) {}

    private final EntityManager entityManager;

    public ChargedPeriods(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    void open(BilledChannel channel, Instant at) {
        entityManager
                .createNativeQuery("""
                INSERT INTO charged_period (channel_id, account_id, started_at) VALUES (:channel, :account, :at)
                ON CONFLICT DO NOTHING""")
                .setParameter("channel", channel.channelId)
                .setParameter("account", channel.accountId)
                .setParameter("at", utc(at))
                .executeUpdate();
    }

    void close(BilledChannel channel, Instant at) {
        entityManager
                .createNativeQuery("""
                UPDATE charged_period SET ended_at = GREATEST(started_at, :at)
                WHERE channel_id = :channel AND ended_at IS NULL""")
                .setParameter("channel", channel.channelId)
                .setParameter("at", utc(at))
                .executeUpdate();
    }

    /** Every span of the account's channels that overlaps [from, to), by channel and start. */
    public List<Period> overlapping(String accountId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                SELECT channel_id, started_at, ended_at FROM charged_period
                WHERE account_id = :account AND started_at < :to AND (ended_at IS NULL OR ended_at > :from)
                ORDER BY channel_id, started_at""")
                .setParameter("account", accountId)
                .setParameter("from", utc(from))
                .setParameter("to", utc(to))
                .getResultList();
        return rows.stream()
                .map(row -> new Period((String) row[0], instant(row[1]), instant(row[2])))
                .toList();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
