package io.switchboard.channel.timer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Durable per-channel timers. Every change happens with the channel's row locked (the one lock order: channel, then
 * its timers). The timers of a channel are read once per transaction and then kept in memory, so setting and
 * cancelling them costs no statement until the transaction flushes them in batches.
 */
@ApplicationScoped
public class ChannelTimers {

    /** A timer that was due when it was looked for, by channel, kind and the setting it had. */
    public record Due(String channelId, TimerKind kind, long generation) {}

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final Object cacheKey = new Object();

    public ChannelTimers(EntityManager entityManager, TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.transactions = transactions;
    }

    /** Reads the timers of these channels (locked by the caller) into the transaction, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void load(Collection<String> channelIds) {
        Map<String, Map<TimerKind, ChannelTimer>> cache = cache();
        List<String> missing = channelIds.stream()
                .filter(id -> !cache.containsKey(id))
                .distinct()
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        missing.forEach(id -> cache.put(id, new EnumMap<>(TimerKind.class)));
        @SuppressWarnings("unchecked")
        List<ChannelTimer> timers = entityManager
                .createNativeQuery("SELECT * FROM channel_timer WHERE channel_id = ANY (:ids)", ChannelTimer.class)
                .setParameter("ids", missing.toArray(String[]::new))
                .getResultList();
        timers.forEach(timer -> cache.get(timer.channelId).put(timer.kind, timer));
    }

    /** Sets (or moves) the channel's timer of this kind: a new setting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(String channelId, TimerKind kind, Instant dueAt, int attempt) {
        Map<TimerKind, ChannelTimer> timers = timersOf(channelId);
        ChannelTimer timer = timers.get(kind);
        if (timer == null) {
            timer = new ChannelTimer();
            timer.channelId = channelId;
            timer.kind = kind;
            timers.put(kind, timer);
        }
        timer.dueAt = dueAt;
        timer.attempt = attempt;
        timer.failures = 0;
        timer.lastError = null;
        timer.generation = ThreadLocalRandom.current().nextLong();
        if (!entityManager.contains(timer)) {
            entityManager.persist(timer); // new, or cancelled earlier in this transaction
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(String channelId, TimerKind kind) {
        ChannelTimer timer = timersOf(channelId).get(kind);
        if (timer != null && entityManager.contains(timer)) {
            entityManager.remove(timer);
        }
    }

    /** The channel's timer of this kind, if it is set. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ChannelTimer> find(String channelId, TimerKind kind) {
        return Optional.ofNullable(timersOf(channelId).get(kind)).filter(entityManager::contains);
    }

    /** Timers due at {@code now}, oldest first; read without locks (the channel is locked when one is fired). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Due> due(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                SELECT channel_id, kind, generation FROM channel_timer WHERE due_at <= :now ORDER BY due_at LIMIT :limit""")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream()
                .map(row -> new Due((String) row[0], TimerKind.valueOf((String) row[1]), ((Number) row[2]).longValue()))
                .toList();
    }

    private Map<TimerKind, ChannelTimer> timersOf(String channelId) {
        Map<TimerKind, ChannelTimer> timers = cache().get(channelId);
        if (timers == null) {
            load(List.of(channelId));
            timers = cache().get(channelId);
        }
        return timers;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<TimerKind, ChannelTimer>> cache() {
        Map<String, Map<TimerKind, ChannelTimer>> cache =
                (Map<String, Map<TimerKind, ChannelTimer>>) transactions.getResource(cacheKey);
        if (cache == null) {
            cache = new HashMap<>();
            transactions.putResource(cacheKey, cache);
        }
        return cache;
    }
}
