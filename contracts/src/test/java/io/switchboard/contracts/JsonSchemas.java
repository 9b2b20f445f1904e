package io.switchboard.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test support: Jackson set up as the services set it up, and a JSON Schema validator (draft 2020-12, formats
 * asserted) that loads the contract schemas from the classpath, never from the network.
 */
final class JsonSchemas {

    /** How the Quarkus services serialise payloads: java.time support, instants as ISO-8601 strings. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static final ObjectMapper YAML = new YAMLMapper();

    static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaIdResolvers(ids -> ids.mapPrefix(Schemas.ID_BASE, "classpath:" + Schemas.RESOURCE_BASE)));

    private static final Map<String, Schema> BY_LOCATION = new ConcurrentHashMap<>();
    private static JsonNode asyncApi;

    private JsonSchemas() {}

    /** The schema at a classpath resource, e.g. {@link Schemas#resourceFor(String)}. */
    static Schema fromResource(String resource) {
        return at("classpath:" + resource);
    }

    /** The schema at an absolute location (classpath: or a mapped $id). */
    static Schema at(String location) {
        return BY_LOCATION.computeIfAbsent(location, l -> REGISTRY.getSchema(SchemaLocation.of(l)));
    }

    /** A schema given inline, e.g. a headers schema taken from the AsyncAPI document. */
    static Schema inline(JsonNode schema) {
        return REGISTRY.getSchema(write(schema), InputFormat.JSON);
    }

    /** Validation errors of a JSON document, as readable strings; empty when valid. */
    static List<String> errors(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream()
                .map(error -> error.toString())
                .toList();
    }

    static List<String> errors(Schema schema, JsonNode json) {
        return errors(schema, write(json));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** A classpath resource parsed as JSON (or YAML for {@code .yaml}). */
    static JsonNode readResource(String resource) {
        try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No classpath resource " + resource);
            }
            return (resource.endsWith(".yaml") ? YAML : JSON).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized JsonNode asyncApi() {
        if (asyncApi == null) {
            asyncApi = readResource(Schemas.ASYNCAPI);
        }
        return asyncApi;
    }

    /**
     * A copy of {@code node} with every local reference ({@code $ref: '#/...'}) replaced by what it points to in
     * {@code document}, so that a part of the AsyncAPI document can be used as a schema on its own.
     */
    static JsonNode inlineLocalRefs(JsonNode node, JsonNode document) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.asText().startsWith("#/")) {
                JsonNode target = document.at(ref.asText().substring(1));
                if (target.isMissingNode()) {
                    throw new IllegalArgumentException("Dangling reference " + ref.asText());
                }
                return inlineLocalRefs(target, document);
            }
            var copy = JSON.createObjectNode();
            node.fields()
                    .forEachRemaining(field -> copy.set(field.getKey(), inlineLocalRefs(field.getValue(), document)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(inlineLocalRefs(item, document)));
            return copy;
        }
        return node;
    }

    /** A reference relative to the AsyncAPI document (e.g. {@code ./schemas/x.schema.json}) as a classpath resource. */
    static String resourceRelativeToAsyncApi(String ref) {
        return URI.create("file:/" + Schemas.ASYNCAPI).resolve(ref).getPath().substring(1);
    }
}
