package io.switchboard.platform.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * One kind of data a service deletes once it is old enough: rows of {@code table} (aliased {@code t}) that match
 * {@code condition} and whose {@code timeColumn} is older than the kept period. A service declares its rules as CDI
 * beans; {@code switchboard.retention.keep.<name>} overrides {@code defaultKeep}.
 *
 * @param name the setting's and the metric's name, e.g. {@code messages}
 * @param condition an SQL condition on {@code t}: only rows in an end state, never ones still in use
 */
public record RetentionRule(String name, String table, String timeColumn, String condition, Duration defaultKeep) {

    public RetentionRule {
        Objects.requireNonNull(name);
        Objects.requireNonNull(table);
        Objects.requireNonNull(timeColumn);
        condition = condition == null || condition.isBlank() ? "true" : condition;
        if (defaultKeep.isNegative() || defaultKeep.isZero()) {
            throw new IllegalArgumentException("A retention period is positive: " + name + " " + defaultKeep);
        }
    }

    /** The statement that deletes up to {@code :batch} rows older than {@code :cutoff}, skipping rows in use. */
    String deleteBatch() {
        return "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT t.ctid FROM " + table + " t WHERE t."
                + timeColumn + " < :cutoff AND (" + condition + ") LIMIT :batch FOR UPDATE SKIP LOCKED))";
    }
}
