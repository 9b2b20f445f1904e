package io.switchboard.testkit.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The bad requests of one operation: each differs from a good request in one way that no API may accept. */
final class Probes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NUL = "a\u0000b";
    private static final String ESCAPE = "\u001b[31mred";

    private final BadInputMatrix.Setup setup;
    private final Operation operation;
    private final List<Probe> probes = new ArrayList<>();
    private final List<String> schemaFindings;

    private Probes(BadInputMatrix.Setup setup, Operation operation, List<String> schemaFindings) {
        this.setup = setup;
        this.operation = operation;
        this.schemaFindings = schemaFindings;
    }

    /** The probes of the operation; what its documented schema lacks goes to {@code schemaFindings}. */
    static List<Probe> of(BadInputMatrix.Setup setup, Operation operation, List<String> schemaFindings) {
        Probes probes = new Probes(setup, operation, schemaFindings);
        probes.authentication();
        probes.pathParameters();
        probes.queryParameters();
        if (operation.body() != null) {
            probes.bodies();
        }
        probes.limits();
        return probes.probes;
    }

    private void authentication() {
        byte[] body = goodBody();
        add("no token", path(Map.of()), Map.of(), body, false);
        add("a token that is not a JWT", path(Map.of()), bearer("not-a-jwt"), body, false);
        add("an expired token", path(Map.of()), bearer(setup.expiredToken()), body, false);
        if (!operation.pathParameters().isEmpty()) {
            add("another account's token", path(Map.of()), bearer(setup.otherAccountToken()), body, true);
        }
    }

    private void pathParameters() {
        for (Operation.Parameter parameter : operation.pathParameters()) {
            for (String value : List.of(
                    "%00",
                    "%1B%5B31m",
                    "%E2%80",
                    "a%0Ab",
                    "x".repeat(300),
                    UUID.randomUUID().toString())) {
                add(
                        "path " + parameter.name() + " = " + shown(value),
                        path(Map.of(parameter.name(), value)),
                        own(),
                        goodBody(),
                        false);
            }
        }
    }

    private void queryParameters() {
        for (Operation.Parameter parameter : operation.queryParameters()) {
            for (String value : badQueryValues(parameter)) {
                add(
                        "query " + parameter.name() + " = " + shown(value),
                        path(Map.of()) + "?" + parameter.name() + "=" + value,
                        own(),
                        goodBody(),
                        false);
            }
        }
    }

    /** Values, percent-encoded, that no query parameter of the schema's type takes. */
    private static List<String> badQueryValues(Operation.Parameter parameter) {
        JsonNode schema = parameter.schema();
        List<String> values = new ArrayList<>(List.of("%00", "%1B%5B31m", "%E2%80"));
        switch (schema.path("type").asText()) {
            case "integer", "number" -> {
                values.addAll(List.of("abc", "1.5", "2147483648", "99999999999999999999", "1e400"));
                if (schema.has("minimum")) {
                    values.add(new BigInteger(schema.path("minimum").asText())
                            .subtract(BigInteger.ONE)
                            .toString());
                }
                if (schema.has("maximum")) {
                    values.add(new BigInteger(schema.path("maximum").asText())
                            .add(BigInteger.ONE)
                            .toString());
                }
                if (parameter.name().equals("page")) {
                    values.add("2147483647");
                }
            }
            case "boolean" -> values.add("maybe");
            default -> {
                if (schema.has("enum")) {
                    values.add("NO_SUCH_VALUE");
                }
                if ("date-time".equals(schema.path("format").asText())) {
                    values.addAll(List.of(
                            "not-a-date",
                            encode("+999999999-12-31T23:59:59Z"),
                            encode("2026-13-45T25:61:00Z"),
                            encode("-999999999-01-01T00:00:00Z")));
                }
            }
        }
        return values;
    }

    private void bodies() {
        String good = new String(goodBody(), StandardCharsets.UTF_8);
        Map<String, String> json = own("application/json");
        add("malformed JSON", path(Map.of()), json, bytes("{\""), false);
        add("trailing garbage after the JSON", path(Map.of()), json, bytes(good + " {}"), false);
        add("an array for the object", path(Map.of()), json, bytes("[" + good + "]"), false);
        add("a string for the object", path(Map.of()), json, bytes("\"text\""), false);
        add("null for the object", path(Map.of()), json, bytes("null"), false);
        add("an empty body", path(Map.of()), json, new byte[0], false);
        add("a key twice", path(Map.of()), json, bytes(good.replaceFirst("\\{", "{\"x\":1,\"x\":2,")), false);
        add("text/plain", path(Map.of()), own("text/plain"), bytes(good), false);
        ObjectNode extra = goodObject();
        extra.put("unexpectedField", 1);
        add("an unknown field", path(Map.of()), json, bytes(extra.toString()), false);
        fields(Schemas.flat(operation.body()), List.of(), List.of());
    }

    /**
     * Each field of the object at {@code path} (with the schemas of the objects on the way), set to each bad value of
     * its type in an otherwise good body; nested objects too, a few levels deep.
     */
    private void fields(JsonNode schema, List<String> path, List<JsonNode> schemas) {
        for (Iterator<Map.Entry<String, JsonNode>> fields =
                        schema.path("properties").fields();
                fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = String.join(".", append(path, field.getKey()));
            boolean required = contains(schema.path("required"), field.getKey());
            for (Map.Entry<String, JsonNode> bad :
                    badValues(name, field.getValue(), required).entrySet()) {
                ObjectNode body = goodObject();
                ObjectNode parent = objectAt(body, path, schemas);
                if (bad.getValue() == null) {
                    parent.remove(field.getKey());
                } else {
                    parent.set(field.getKey(), bad.getValue());
                }
                add(
                        "body " + name + " = " + bad.getKey(),
                        path(Map.of()),
                        own("application/json"),
                        bytes(body.toString()),
                        false);
            }
            JsonNode nested = Schemas.flat(field.getValue());
            if (Schemas.type(nested).equals("object") && nested.has("properties") && path.size() < 3) {
                List<JsonNode> deeper = new ArrayList<>(schemas);
                deeper.add(nested);
                fields(nested, append(path, field.getKey()), deeper);
            }
        }
    }

    /** The object at {@code path} in {@code body}, made from its schema's example where the good body has none. */
    private static ObjectNode objectAt(ObjectNode body, List<String> path, List<JsonNode> schemas) {
        ObjectNode current = body;
        for (int i = 0; i < path.size(); i++) {
            JsonNode next = current.path(path.get(i));
            if (!(next instanceof ObjectNode)) {
                JsonNode made = Schemas.example(schemas.get(i));
                next = made instanceof ObjectNode ? made : JSON.objectNode();
                current.set(path.get(i), next);
            }
            current = (ObjectNode) next;
        }
        return current;
    }

    private static List<String> append(List<String> path, String name) {
        List<String> longer = new ArrayList<>(path);
        longer.add(name);
        return longer;
    }

    /** Values no field of the schema's type takes, by a description; a null value leaves the field out. */
    private Map<String, JsonNode> badValues(String name, JsonNode given, boolean required) {
        JsonNode schema = Schemas.flat(given);
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (required) {
            values.put("(left out)", null);
            values.put("null", JSON.nullNode());
        }
        String type = Schemas.type(schema);
        switch (type) {
            case "string" -> {
                values.put("12345", JSON.numberNode(12345));
                values.put("true", JSON.booleanNode(true));
                values.put("{}", JSON.objectNode());
                values.put("NUL", JSON.textNode(NUL));
                values.put("ESC", JSON.textNode(ESCAPE));
                if (schema.has("enum")) {
                    values.put("NO_SUCH_VALUE", JSON.textNode("NO_SUCH_VALUE"));
                    values.put("1", JSON.numberNode(1));
                } else if (schema.has("maxLength")) {
                    values.put(
                            "maxLength + 1 characters",
                            JSON.textNode("x".repeat(schema.path("maxLength").asInt() + 1)));
                } else if (!schema.has("format")) {
                    schemaFindings.add(operation.key() + ": body field '" + name + "' is a string without maxLength");
                    values.put("100,000 characters", JSON.textNode("x".repeat(100_000)));
                }
            }
            case "integer", "number" -> {
                values.put("\"1\"", JSON.textNode("1"));
                values.put("true", JSON.booleanNode(true));
                if (type.equals("integer")) {
                    values.put("1.5", JSON.numberNode(1.5));
                }
                values.put("1e400", JSON.numberNode(new java.math.BigDecimal("1e400")));
                values.put("99999999999999999999999", JSON.numberNode(new BigInteger("99999999999999999999999")));
                if (schema.has("minimum")) {
                    values.put(
                            "minimum - 1",
                            JSON.numberNode(
                                    new BigInteger(schema.path("minimum").asText()).subtract(BigInteger.ONE)));
                }
                if (schema.has("maximum")) {
                    values.put(
                            "maximum + 1",
                            JSON.numberNode(
                                    new BigInteger(schema.path("maximum").asText()).add(BigInteger.ONE)));
                }
            }
            case "boolean" -> {
                values.put("\"false\"", JSON.textNode("false"));
                values.put("0", JSON.numberNode(0));
            }
            case "array" -> {
                values.put("\"x\"", JSON.textNode("x"));
                values.put("{}", JSON.objectNode());
                if (!setup.itemsRefusedAlone().contains(operation.key())) {
                    values.put("[null]", JSON.arrayNode().addNull());
                    if (Schemas.type(Schemas.flat(schema.path("items"))).equals("string")) {
                        values.put("[12345]", JSON.arrayNode().add(12345));
                        values.put("[NUL]", JSON.arrayNode().add(NUL));
                    }
                }
            }
            case "object" -> {
                values.put("\"x\"", JSON.textNode("x"));
                values.put("[]", JSON.arrayNode());
            }
            default -> {}
        }
        return values;
    }

    private void limits() {
        add("a URL of 5,000 characters", path(Map.of()) + "?padding=" + "x".repeat(5_000), own(), goodBody(), false);
        Map<String, String> headers = new LinkedHashMap<>(own());
        headers.put("X-Padding", "x".repeat(20_000));
        add("20 KB of headers", path(Map.of()), headers, goodBody(), false);
        if (operation.body() != null) {
            byte[] huge = bytes("{\"padding\":\"" + "x".repeat(4_300_000) + "\"}");
            add("a body of 4.3 MB", path(Map.of()), own("application/json"), huge, false);
        }
    }

    private byte[] goodBody() {
        if (operation.body() == null) {
            return null;
        }
        return bytes(goodObject().toString());
    }

    private ObjectNode goodObject() {
        JsonNode example = setup.examples().get(operation.key());
        JsonNode body = example != null ? example : Schemas.example(operation.body());
        return body instanceof ObjectNode object ? object.deepCopy() : JSON.objectNode();
    }

    /** The path with the setup's value of each parameter, or {@code overrides}' (already encoded). */
    private String path(Map<String, String> overrides) {
        String path = operation.path();
        for (Operation.Parameter parameter : operation.pathParameters()) {
            String value = overrides.containsKey(parameter.name())
                    ? overrides.get(parameter.name())
                    : encode(setup.pathValues()
                            .getOrDefault(parameter.name(), UUID.randomUUID().toString()));
            path = path.replace("{" + parameter.name() + "}", value);
        }
        return path;
    }

    private Map<String, String> own() {
        return bearer(setup.ownToken());
    }

    private Map<String, String> own(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>(own());
        headers.put("Content-Type", contentType);
        return headers;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private void add(String what, String target, Map<String, String> headers, byte[] body, boolean otherAccount) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        probes.add(new Probe(operation, what, operation.method(), target, all, body, otherAccount));
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 12) + "...(" + value.length() + " characters)" : value;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
