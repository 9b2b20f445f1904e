package io.switchboard.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The value sets every chart is linted and rendered with, written for the umbrella chart ({@code values/*.yaml});
 * a service chart gets the set's {@code global} and its own section.
 */
public final class ValueSets {

    public static final String DEFAULTS = "defaults";
    public static final List<String> ALL = List.of(
            DEFAULTS, "production", "topics-off", "strimzi-v1beta2", "existing-secrets", "inline-secrets", "simulator");

    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ValueSets() {}

    /** The set as written (empty for the defaults). */
    public static ObjectNode umbrella(String set) {
        if (DEFAULTS.equals(set)) {
            return YAML.createObjectNode();
        }
        try (var in = ValueSets.class.getResourceAsStream("/values/" + set + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("No value set " + set);
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The set's values for one chart. */
    public static ObjectNode forChart(String chart, String set) {
        ObjectNode umbrella = umbrella(set);
        if (Charts.UMBRELLA.equals(chart)) {
            return umbrella;
        }
        ObjectNode values = YAML.createObjectNode();
        if (umbrella.has("global")) {
            values.set("global", umbrella.get("global"));
        }
        if (umbrella.get(chart) instanceof ObjectNode own) {
            values.setAll(own);
        }
        return values;
    }

    /** The set's values for one chart, written to a file for {@code --values}. */
    public static Path file(String chart, String set) {
        return write(forChart(chart, set), Path.of("target/values", chart + "-" + set + ".yaml"));
    }

    /** {@code helm template} of a chart with a value set. */
    public static Rendered render(String chart, String set) {
        return Charts.template(chart, file(chart, set), Map.of());
    }

    /** {@code over} merged into {@code base}, as Helm merges values (maps key by key, anything else replaced). */
    public static ObjectNode merge(ObjectNode base, JsonNode over) {
        ObjectNode merged = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = over.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (merged.get(field.getKey()) instanceof ObjectNode inner && field.getValue() instanceof ObjectNode more) {
                merged.set(field.getKey(), merge(inner, more));
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        }
        return merged;
    }

    public static Path write(JsonNode values, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            YAML.writeValue(file.toFile(), values);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
