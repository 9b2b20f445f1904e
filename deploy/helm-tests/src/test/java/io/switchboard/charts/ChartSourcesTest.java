package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.contracts.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The charts' files as committed: documented values, schemas that describe them, topics from the contracts. */
class ChartSourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<String> installable() {
        return Charts.installable();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installable")
    void everyValueIsDocumentedAndDescribedByTheSchema(String chart) throws IOException {
        Path values = Charts.source(chart).resolve("values.yaml");
        String text = Files.readString(values);
        JsonNode defaults = ValueSets.YAML.readTree(values.toFile());
        JsonNode schema =
                JSON.readTree(Charts.source(chart).resolve("values.schema.json").toFile());
        assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");

        for (String path : leaves(defaults, schema, "")) {
            // Bitnami's @param style: every value (or the map or list it belongs to) has a line that documents it.
            assertThat(documented(text, path))
                    .as("%s: ## @param %s ...", chart, path)
                    .isTrue();
        }
        assertClosed(chart, schema, "");
    }

    /** Paths of the values that the schema treats as one value (leaves, or free-form maps and lists). */
    private static List<String> leaves(JsonNode value, JsonNode schema, String path) {
        List<String> leaves = new ArrayList<>();
        if (value instanceof ObjectNode object && schema.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode childSchema = schema.path("properties").path(field.getKey());
                assertThat(childSchema.isMissingNode())
                        .as("the schema describes %s", child)
                        .isFalse();
                leaves.addAll(leaves(field.getValue(), childSchema, child));
            }
        } else {
            leaves.add(path);
        }
        return leaves;
    }

    private static boolean documented(String text, String path) {
        String candidate = path;
        while (true) {
            if (text.contains("## @param " + candidate + " ")) {
                return true;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return false;
            }
            candidate = candidate.substring(0, dot);
        }
    }

    /** Every object of the schema with named properties refuses other keys (typos). */
    private static void assertClosed(String chart, JsonNode schema, String path) {
        if (schema.has("properties")) {
            assertThat(schema.path("additionalProperties").asBoolean(true))
                    .as("%s: additionalProperties false at '%s'", chart, path)
                    .isFalse();
            schema.path("properties")
                    .fields()
                    .forEachRemaining(field -> assertClosed(chart, field.getValue(), path + "/" + field.getKey()));
        }
    }

    @Test
    void theServiceChartsDescribeTheirSharedValuesAlike() throws IOException {
        JsonNode first = JSON.readTree(Charts.source(Charts.SERVICES.get(0))
                .resolve("values.schema.json")
                .toFile());
        Set<String> shared = new TreeSet<>();
        first.path("properties").fieldNames().forEachRemaining(shared::add);
        shared.removeAll(Set.of("database", "mail", "enabled"));
        for (String chart : Charts.installable()) {
            if (chart.equals(Charts.UMBRELLA)) {
                continue;
            }
            JsonNode schema = JSON.readTree(
                    Charts.source(chart).resolve("values.schema.json").toFile());
            for (String key : shared) {
                assertThat(schema.path("properties").path(key))
                        .as(
                                "%s's schema of %s (run " + "deploy/helm/tools/service_schema.py after changing it)",
                                chart, key)
                        .isEqualTo(first.path("properties").path(key));
            }
        }
        JsonNode umbrella = JSON.readTree(
                Charts.source(Charts.UMBRELLA).resolve("values.schema.json").toFile());
        assertThat(umbrella.path("properties").path("global"))
                .isEqualTo(first.path("properties").path("global"));
    }

    @Test
    void theServiceChartsOfferTheSameValues() throws IOException {
        Map<String, Set<String>> byChart = new java.util.TreeMap<>();
        for (String chart : Charts.installable()) {
            if (chart.equals(Charts.UMBRELLA)) {
                continue;
            }
            JsonNode defaults = ValueSets.YAML.readTree(
                    Charts.source(chart).resolve("values.yaml").toFile());
            JsonNode schema = JSON.readTree(
                    Charts.source(chart).resolve("values.schema.json").toFile());
            Set<String> shared = new TreeSet<>(leaves(defaults, schema, ""));
            shared.removeIf(path -> path.startsWith("database.")
                    || path.startsWith("mail.")
                    || path.equals("enabled")
                    || path.startsWith("config"));
            byChart.put(chart, shared);
        }
        Set<String> first = byChart.values().iterator().next();
        assertThat(byChart)
                .allSatisfy((chart, paths) ->
                        assertThat(paths).as("%s's values", chart).containsExactlyInAnyOrderElementsOf(first));
    }

    @Test
    void everySchemaIsWhatTheGeneratorWrites() throws Exception {
        Process generator = new ProcessBuilder(
                        "python3",
                        Charts.SOURCE.resolve("tools/service_schema.py").toString(),
                        "--check")
                .redirectErrorStream(true)
                .start();
        String output = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(generator.waitFor())
                .as("deploy/helm/tools/service_schema.py --check said:%n%s", output)
                .isZero();
    }

    @Test
    void theTopicsFileIsTheContractsTopicList() throws IOException {
        ObjectNode expected = JSON.createObjectNode();
        expected.put(
                "comment",
                "Written from io.switchboard.contracts.Topics.allWithDeadLetters() by the chart tests "
                        + "(mvn -pl deploy/helm-tests test -Dcharts.write-topics=true); do not edit.");
        ArrayNode topics = expected.putArray("topics");
        for (Topics.TopicSpec spec : Topics.allWithDeadLetters()) {
            topics.addObject()
                    .put("name", spec.name())
                    .put("key", spec.key())
                    .put("partitions", spec.partitions())
                    .put("compacted", spec.compacted())
                    .put("deadLetter", spec.name().endsWith(Topics.DLQ_SUFFIX));
        }
        Path file = Charts.source(Charts.UMBRELLA).resolve("files/topics.json");
        String written = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected) + "\n";
        if (Boolean.getBoolean("charts.write-topics")) {
            Files.writeString(file, written);
        }
        assertThat(Files.readString(file))
                .as("%s is the contracts' topic list (rerun with -Dcharts.write-topics=true)", file)
                .isEqualTo(written);
        // The one partition value of the chart starts where the contracts do.
        JsonNode values = ValueSets.YAML.readTree(
                Charts.source(Charts.UMBRELLA).resolve("values.yaml").toFile());
        assertThat(values.path("topics").path("partitions").asInt()).isEqualTo(Topics.DEFAULT_PARTITIONS);
    }

    @Test
    void theDashboardShowsWhatOperatorsWatch() {
        Dashboard dashboard = Dashboard.shipped();
        assertThat(dashboard.panelTitles())
                .contains(
                        "Channels by status",
                        "Held messages",
                        "Dispatch rate",
                        "Notification deliveries",
                        "Consumer lag (records)");
        assertThat(dashboard.metrics())
                .contains(
                        "switchboard_channels",
                        "switchboard_queue_held_messages_total_now",
                        "switchboard_queue_dispatched_total",
                        "switchboard_notification_deliveries_total",
                        "kafka_consumer_fetch_manager_records_lag_max");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installable")
    void chartVersionsFollowTheProject(String chart) throws IOException {
        JsonNode meta = ValueSets.YAML.readTree(
                Charts.source(chart).resolve("Chart.yaml").toFile());
        assertThat(meta.path("appVersion").asText()).isEqualTo(System.getProperty("switchboard.image.tag"));
        assertThat(meta.path("apiVersion").asText()).isEqualTo("v2");
    }
}
