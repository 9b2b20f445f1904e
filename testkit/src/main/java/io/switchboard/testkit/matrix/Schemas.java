package io.switchboard.testkit.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading the JSON schemas of an OpenAPI document (3.0 or 3.1), as far as the matrix needs. */
final class Schemas {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Schemas() {}

    /** The schema's type: {@code string}, {@code integer}, ...; the first of a list that is not null; "" if none. */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (!each.asText().equals("null")) {
                    return each.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            for (JsonNode part : schema.path(combinator)) {
                String inner = type(part);
                if (!inner.isEmpty() && !inner.equals("null")) {
                    return inner;
                }
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("enum")) {
            return "string";
        }
        return "";
    }

    /** A plausible value: each required property of an object, the first enum value, the minimum of a number. */
    static JsonNode example(JsonNode given) {
        JsonNode schema = flat(given);
        switch (type(schema)) {
            case "object" -> {
                ObjectNode object = JSON.objectNode();
                for (JsonNode required : schema.path("required")) {
                    JsonNode property = schema.path("properties").path(required.asText());
                    object.set(required.asText(), example(property));
                }
                return object;
            }
            case "array" -> {
                var array = JSON.arrayNode();
                for (int i = 0; i < Math.max(1, schema.path("minItems").asInt(0)); i++) {
                    array.add(example(schema.path("items")));
                }
                return array;
            }
            case "integer", "number" -> {
                return JSON.numberNode(
                        schema.has("minimum") ? schema.path("minimum").asLong() : 1);
            }
            case "boolean" -> {
                return JSON.booleanNode(true);
            }
            default -> {
                if (schema.has("enum")) {
                    return schema.path("enum").get(0);
                }
                return JSON.textNode(
                        switch (schema.path("format").asText()) {
                            case "email" -> "someone@example.com";
                            case "date-time" -> "2026-01-01T00:00:00Z";
                            case "uuid" -> java.util.UUID.randomUUID().toString();
                            case "uri", "url" -> "https://example.com/hook";
                            default -> "x";
                        });
            }
        }
    }

    /** The schema with a lone {@code allOf}/{@code anyOf} part (how a documented field refers to a type) merged in. */
    static JsonNode flat(JsonNode schema) {
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            JsonNode parts = schema.path(combinator);
            if (parts.isArray() && !schema.has("type")) {
                JsonNode only = null;
                for (JsonNode part : parts) {
                    if (!"null".equals(part.path("type").asText())) {
                        only = only == null ? part : only;
                    }
                }
                if (only != null) {
                    ObjectNode merged = ((ObjectNode) flat(only)).deepCopy();
                    schema.fields().forEachRemaining(field -> {
                        if (!field.getKey().equals(combinator)) {
                            merged.set(field.getKey(), field.getValue());
                        }
                    });
                    return merged;
                }
            }
        }
        return schema.isObject() ? schema : JSON.objectNode();
    }
}
