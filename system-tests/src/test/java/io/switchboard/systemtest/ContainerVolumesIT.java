package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * In the Testcontainers mode: {@code ./switchboard down} after {@code up --containers} leaves no container and no
 * volume behind, unless asked to keep the volumes, and then the next {@code up --containers} finds the data again.
 */
@EnabledIf("io.switchboard.testkit.containers.ContainerInfrastructure#enabled")
class ContainerVolumesIT {

    private static final String LABEL = "io.switchboard.local.home";

    @Test
    void downRemovesTheContainersAndTheirVolumesUnlessAskedToKeepThem() throws Exception {
        LocalPlatformUnderTest platform =
                new LocalPlatformUnderTest(Path.of(System.getProperty("switchboard.home") + "-volumes"));
        try {
            platform.startAgain("postgres");
            execute(platform, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
            assertThat(engine("volume", "ls", "--quiet", "--filter", "label=" + LABEL + "=" + platform.home()))
                    .hasSize(1);

            platform.down("--keep-volumes");
            assertThat(engine("ps", "--all", "--quiet", "--filter", "label=" + LABEL + "=" + platform.home()))
                    .isEmpty();
            assertThat(engine("volume", "ls", "--quiet", "--filter", "label=" + LABEL + "=" + platform.home()))
                    .hasSize(1);

            platform.startAgain("postgres");
            assertThat(query(platform, "SELECT note FROM kept")).isEqualTo("still here");
        } finally {
            platform.down();
        }
        assertThat(engine("ps", "--all", "--quiet", "--filter", "label=" + LABEL + "=" + platform.home()))
                .isEmpty();
        assertThat(engine("volume", "ls", "--quiet", "--filter", "label=" + LABEL + "=" + platform.home()))
                .isEmpty();
    }

    private static void execute(LocalPlatformUnderTest platform, String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(platform.jdbcUrl("channel"), "switchboard", "switchboard");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(LocalPlatformUnderTest platform, String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(platform.jdbcUrl("channel"), "switchboard", "switchboard");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<String> engine(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
