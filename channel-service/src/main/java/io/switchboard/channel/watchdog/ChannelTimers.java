package io.switchboard.channel.watchdog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable per-channel timers: they survive restarts and fire on exactly one replica. */
@ApplicationScoped
public class ChannelTimers {

    /** A timer that is due, locked by the transaction that claimed it. */
    public record Due(String channelId, TimerKind kind, int attempt) {
    }

    private final EntityManager entityManager;

    public ChannelTimers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Sets (or moves) the channel's timer of this kind. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(String channelId, TimerKind kind, Instant dueAt, int attempt) {
        entityManager.createNativeQuery("""
                INSERT INTO channel_timer (channel_id, kind, due_at, attempt) VALUES (:channel, :kind, :due, :attempt)
                ON CONFLICT (channel_id, kind) DO UPDATE SET due_at = EXCLUDED.due_at, attempt = EXCLUDED.attempt""")
                .setParameter("channel", channelId).setParameter("kind", kind.name())
                .setParameter("due", dueAt).setParameter("attempt", attempt).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(String channelId, TimerKind kind) {
        entityManager.createNativeQuery("DELETE FROM channel_timer WHERE channel_id = :channel AND kind = :kind")
                .setParameter("channel", channelId).setParameter("kind", kind.name()).executeUpdate();
    }

    /** Claims the oldest due timer no other replica is firing, and removes it (the claim commits with its effect). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Due> claimNext(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT channel_id, kind, attempt FROM channel_timer WHERE due_at <= :now
                ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter("now", now).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Due due = new Due((String) rows.get(0)[0], TimerKind.valueOf((String) rows.get(0)[1]),
                ((Number) rows.get(0)[2]).intValue());
        cancel(due.channelId(), due.kind());
        return Optional.of(due);
    }
}
