package io.switchboard.testkit.matrix;

import io.switchboard.testkit.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What an account has stored in the test database: every row of every table with an {@code account_id} column that
 * belongs to the account, as one digest. The matrix compares it before and after an operation's probes.
 */
public final class AccountRows {

    private AccountRows() {}

    /** The digest of the account's rows, tables in {@code excluded} left out (ones that change by themselves). */
    public static Supplier<String> of(String accountId, Set<String> excluded) {
        return () -> {
            try (Connection connection = TestInfrastructure.get().database().connect()) {
                List<String> tables = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement("""
                        SELECT table_name FROM information_schema.columns
                        WHERE column_name = 'account_id' AND table_schema = current_schema() ORDER BY table_name""");
                        ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (!excluded.contains(rows.getString(1))) {
                            tables.add(rows.getString(1));
                        }
                    }
                }
                StringBuilder digest = new StringBuilder();
                for (String table : tables) {
                    try (PreparedStatement query =
                            connection.prepareStatement("SELECT md5(coalesce(string_agg(t::text, '|'"
                                    + " ORDER BY t::text), '')) FROM " + table + " t WHERE account_id = ?")) {
                        query.setString(1, accountId);
                        try (ResultSet rows = query.executeQuery()) {
                            rows.next();
                            digest.append(table)
                                    .append('=')
                                    .append(rows.getString(1))
                                    .append(';');
                        }
                    }
                }
                return digest.toString();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
