package io.switchboard.testkit.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One operation of a service's OpenAPI document: method, path template, parameters and the JSON schema of its body
 * (references resolved), as the matrix needs them.
 *
 * @param body the request body's schema, or null when the operation takes no JSON body
 */
public record Operation(
        String method, String path, List<Parameter> pathParameters, List<Parameter> queryParameters, JsonNode body) {

    /** A path or query parameter and its schema. */
    public record Parameter(String name, JsonNode schema, boolean required) {}

    /** {@code POST /v1/channels}, the key examples and exclusions are given by. */
    public String key() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return key();
    }

    /** Every operation of the document, in its order. */
    public static List<Operation> of(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                String verb = method.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                JsonNode operation = method.getValue();
                List<Parameter> pathParameters = new ArrayList<>();
                List<Parameter> queryParameters = new ArrayList<>();
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                operation.path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    JsonNode resolved = resolve(openApi, parameter);
                    Parameter p = new Parameter(
                            resolved.path("name").asText(),
                            resolve(openApi, resolved.path("schema")),
                            resolved.path("required").asBoolean(false));
                    switch (resolved.path("in").asText()) {
                        case "path" -> pathParameters.add(p);
                        case "query" -> queryParameters.add(p);
                        default -> {}
                    }
                }
                JsonNode content = operation.path("requestBody").path("content");
                JsonNode json = content.path("application/json").path("schema");
                operations.add(new Operation(
                        verb,
                        path.getKey(),
                        pathParameters,
                        queryParameters,
                        json.isMissingNode() ? null : inline(openApi, json, 0)));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? resolve(document, document.at(ref.asText().substring(1))) : node;
    }

    /** A copy of the schema with every {@code $ref} replaced by what it points to (to a depth that ends cycles). */
    static JsonNode inline(JsonNode document, JsonNode schema, int depth) {
        JsonNode node = resolve(document, schema);
        if (depth > 8) {
            return node;
        }
        if (node.isObject()) {
            var copy = MAPPER.createObjectNode();
            node.fields()
                    .forEachRemaining(field -> copy.set(field.getKey(), inline(document, field.getValue(), depth + 1)));
            return copy;
        }
        if (node.isArray()) {
            var copy = MAPPER.createArrayNode();
            node.forEach(item -> copy.add(inline(document, item, depth + 1)));
            return copy;
        }
        return node;
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
}
