package io.switchboard.testkit.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A database of its own for one test JVM, on a PostgreSQL server reached through any of its databases. */
public record TestDatabase(String jdbcUrl, String username, String password) {

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

    /** Creates a fresh database on the server of {@code serverUrl}. */
    public static TestDatabase createOn(String serverUrl, String username, String password) {
        Matcher matcher = DATABASE_IN_URL.matcher(serverUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Expected jdbc:postgresql://host:port/database, got " + serverUrl);
        }
        String name = "switchboard_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database on " + serverUrl, e);
        }
        return new TestDatabase(matcher.group(1) + name + matcher.group(3), username, password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }
}
