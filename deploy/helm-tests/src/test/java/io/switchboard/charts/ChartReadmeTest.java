package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every chart has a README.md ({@code helm show readme}) whose parameter tables are written from the
 * {@code ## @section} and {@code ## @param} lines of its values.yaml, with each value's default: the values.yaml stays
 * the one source, and this test fails when the README no longer matches it (rerun with -Dcharts.write-readmes=true).
 */
class ChartReadmeTest {

    private static final Pattern LINE = Pattern.compile("^\\s*## @(section|param) (\\S+)?\\s*(.*)$");

    static java.util.List<String> installable() {
        return Charts.installable();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installable")
    void theReadmeListsEveryValueWithItsDefault(String chart) throws IOException {
        Path source = Charts.source(chart);
        JsonNode meta = ValueSets.YAML.readTree(source.resolve("Chart.yaml").toFile());
        String expected = readme(chart, meta.path("description").asText(), source.resolve("values.yaml"));
        Path file = source.resolve("README.md");
        if (Boolean.getBoolean("charts.write-readmes")) {
            Files.writeString(file, expected);
        }
        assertThat(file)
                .as("%s (rerun the chart tests with -Dcharts.write-readmes=true)", file)
                .exists();
        assertThat(Files.readString(file))
                .as("%s matches its values.yaml", file)
                .isEqualTo(expected);
    }

    static String readme(String chart, String description, Path valuesFile) throws IOException {
        JsonNode values = ValueSets.YAML.readTree(valuesFile.toFile());
        StringBuilder text = new StringBuilder();
        text.append("# ").append(chart).append("\n\n").append(description).append("\n\n");
        text.append(
                        "Install, upgrade, scaling, uninstall and the alerts' runbooks: [deploy/README.md](../../README.md). ")
                .append("`values.schema.json` refuses unknown keys and wrong types.\n\n");
        text.append("This file is written from `values.yaml` by the chart tests.\n\n## Parameters\n");
        boolean inTable = false;
        for (String line : Files.readAllLines(valuesFile)) {
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            if (matcher.group(1).equals("section")) {
                String title = ((matcher.group(2) == null ? "" : matcher.group(2)) + " " + matcher.group(3)).trim();
                text.append("\n### ")
                        .append(title)
                        .append("\n\n| Name | Description | Default |\n| --- | --- | --- |\n");
                inTable = true;
                continue;
            }
            if (!inTable) {
                text.append("\n| Name | Description | Default |\n| --- | --- | --- |\n");
                inTable = true;
            }
            String name = matcher.group(2);
            text.append("| `")
                    .append(name)
                    .append("` | ")
                    .append(matcher.group(3)
                            .replace("|", "\\|")
                            .replace("<", "&lt;")
                            .replace(">", "&gt;"))
                    .append(" | ")
                    .append(defaultOf(values, name))
                    .append(" |\n");
        }
        return text.toString();
    }

    private static String defaultOf(JsonNode values, String name) {
        JsonNode node = values;
        for (String part : name.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode()) {
            throw new AssertionError("@param " + name + " names no value");
        }
        String json = node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
        return "`" + json.replace("|", "\\|").replace("`", "'") + "`";
    }
}
