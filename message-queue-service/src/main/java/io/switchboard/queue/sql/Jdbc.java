package io.switchboard.queue.sql;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain SQL on the current transaction's connection (the pool hands out the one enlisted in it). The queue's hot
 * paths (accept, claim, completion, receipts) move many rows per statement with {@code unnest} and {@code = ANY},
 * which is what an entity per row cannot do.
 */
@ApplicationScoped
public class Jdbc {

    /** Binds the parameters of a statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(Parameters parameters) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(new Parameters(connection, statement));
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
        }
    }

    public <T> Optional<T> first(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(new Parameters(connection, statement));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
        }
    }

    /** Binds parameters by position, in order. */
    public static final class Parameters {

        private final Connection connection;
        private final PreparedStatement statement;
        private int index;

        Parameters(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        public Parameters string(String value) throws SQLException {
            statement.setString(++index, value);
            return this;
        }

        public Parameters integer(int value) throws SQLException {
            statement.setInt(++index, value);
            return this;
        }

        public Parameters integerOrNull(Integer value) throws SQLException {
            if (value == null) {
                statement.setNull(++index, Types.INTEGER);
            } else {
                statement.setInt(++index, value);
            }
            return this;
        }

        public Parameters longOrNull(Long value) throws SQLException {
            if (value == null) {
                statement.setNull(++index, Types.BIGINT);
            } else {
                statement.setLong(++index, value);
            }
            return this;
        }

        public Parameters longValue(long value) throws SQLException {
            statement.setLong(++index, value);
            return this;
        }

        public Parameters bool(boolean value) throws SQLException {
            statement.setBoolean(++index, value);
            return this;
        }

        public Parameters instant(Instant value) throws SQLException {
            statement.setObject(++index, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            return this;
        }

        /** A {@code varchar[]}, for {@code = ANY (?)} and {@code unnest(?)}. */
        public Parameters strings(Collection<String> values) throws SQLException {
            return array("varchar", values.toArray());
        }

        public Parameters longs(Collection<Long> values) throws SQLException {
            return array("int8", values.toArray());
        }

        public Parameters ints(Collection<Integer> values) throws SQLException {
            return array("int4", values.toArray());
        }

        /** ISO-8601 texts: cast them in the statement, {@code ?::timestamptz[]}. */
        public Parameters instants(Collection<Instant> values) throws SQLException {
            return array(
                    "varchar",
                    values.stream()
                            .map(value -> value == null ? null : value.toString())
                            .toArray());
        }

        private Parameters array(String type, Object[] values) throws SQLException {
            Array array = connection.createArrayOf(type, values);
            statement.setArray(++index, array);
            return this;
        }
    }

    /** Reads a {@code timestamptz} column as an instant, or null. */
    public static Integer integerOrNull(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    public static Long longOrNull(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A statement failed: a passing failure for the caller's retry rule unless it says otherwise. */
    public static final class DatabaseException extends RuntimeException {

        DatabaseException(String sql, SQLException cause) {
            super(cause.getMessage() + " [SQLState " + cause.getSQLState() + "] in: " + firstLine(sql), cause);
        }

        public String sqlState() {
            return ((SQLException) getCause()).getSQLState();
        }

        private static String firstLine(String sql) {
            String trimmed = sql.strip();
            int newline = trimmed.indexOf('\n');
            return newline < 0 ? trimmed : trimmed.substring(0, newline) + " ...";
        }
    }
}
