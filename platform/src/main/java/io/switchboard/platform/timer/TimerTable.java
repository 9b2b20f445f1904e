package io.switchboard.platform.timer;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A durable timer table as {@link DueRows} reads it: rows with a key column and a {@code due_at} column, claimed with
 * {@code FOR UPDATE SKIP LOCKED} so that replicas share them without waiting for each other.
 */
public record TimerTable(String table, String keyColumn) {

    /** The keys of up to {@code limit} due rows, the earliest first. */
    public List<String> dueKeys(EntityManager entityManager, Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<String> keys = entityManager
                .createNativeQuery(
                        "SELECT " + keyColumn + " FROM " + table + " WHERE due_at <= :now ORDER BY due_at LIMIT :limit")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        return keys;
    }

    /** The row as its entity, locked, if it is due and no other transaction holds it. */
    public <T> Optional<T> claimIfDue(EntityManager entityManager, Class<T> entity, String key, Instant now) {
        @SuppressWarnings("unchecked")
        List<T> due = entityManager
                .createNativeQuery(
                        "SELECT * FROM " + table + " WHERE " + keyColumn
                                + " = :key AND due_at <= :now FOR UPDATE SKIP LOCKED",
                        entity)
                .setParameter("key", key)
                .setParameter("now", now)
                .getResultList();
        return due.stream().findFirst();
    }

    /** Clears the row's due time: it fires no more until something sets it again. */
    public void setAside(EntityManager entityManager, String key) {
        entityManager
                .createNativeQuery("UPDATE " + table + " SET due_at = NULL WHERE " + keyColumn + " = :key")
                .setParameter("key", key)
                .executeUpdate();
    }
}
