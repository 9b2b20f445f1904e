package io.switchboard.channel;

import io.switchboard.testkit.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The service's own database, reached as its owner (a superuser of the test server) from the test: to look at rows the
 * API does not show, and to do to the database what operators and failures do to it.
 */
final class ServiceDatabase implements AutoCloseable {

    private final Connection connection;

    private ServiceDatabase(Connection connection) {
        this.connection = connection;
    }

    static ServiceDatabase open() {
        try {
            Connection connection = TestInfrastructure.get().database().connect();
            connection.setAutoCommit(true);
            return new ServiceDatabase(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Kills every other session of the database, as {@code pg_terminate_backend} does for an operator or a failover.
     */
    int terminateOtherSessions() {
        return (int) number("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()""");
    }

    /**
     * New sessions refused (FATAL at connect) or allowed again: the database away, from the service's side. Said from
     * the server's maintenance database, since a database cannot refuse the session that says it.
     */
    void allowConnections(boolean allow) {
        String name = text("SELECT current_database()");
        String url = TestInfrastructure.get().database().jdbcUrl().replaceFirst("/" + name, "/postgres");
        try (Connection admin = DriverManager.getConnection(
                        url,
                        TestInfrastructure.get().database().username(),
                        TestInfrastructure.get().database().password());
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS " + allow);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set ALLOW_CONNECTIONS " + allow + " on " + name, e);
        }
    }

    /** Deadlocks PostgreSQL has detected (and broken by aborting a transaction) in this database so far. */
    long deadlocks() {
        return number("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
    }

    long number(String sql, Object... parameters) {
        return query(sql, parameters, rows -> rows.next() ? rows.getLong(1) : 0L);
    }

    String text(String sql, Object... parameters) {
        return query(sql, parameters, rows -> rows.next() ? rows.getString(1) : null);
    }

    int update(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private <T> T query(String sql, Object[] parameters, RowsReader<T> reader) {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return reader.read(rows);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private PreparedStatement prepare(String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing
        }
    }

    private interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }
}
