package io.switchboard.platform.contract;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.switchboard.contracts.Schemas;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a payload against its topic's JSON Schema in {@code contracts} (draft 2020-12, formats asserted), the one
 * source of truth of what consumers and their databases can take: field lengths, instants, enums. An ingress checks
 * what it accepts here, so that a payload that can never be applied is refused at the door instead of becoming a
 * poison event.
 */
public final class ContractSchemas {

    /** Errors name the field and the rule, never the value; only the first few are kept. */
    private static final int MAX_ERRORS = 5;

    private static final int MAX_ERROR_LENGTH = 300;

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaIdResolvers(ids -> ids.mapPrefix(Schemas.ID_BASE, "classpath:" + Schemas.RESOURCE_BASE)));
    private static final Map<Class<?>, Schema> BY_PAYLOAD = new ConcurrentHashMap<>();

    private ContractSchemas() {}

    /** What is wrong with the payload (its JSON as it goes on the topic); empty when it keeps the contract. */
    public static List<String> violations(Class<? extends Record> payloadType, String json) {
        return schemaOf(payloadType).validate(json, InputFormat.JSON).stream()
                .limit(MAX_ERRORS)
                .map(error -> cut(error.toString()))
                .toList();
    }

    private static Schema schemaOf(Class<? extends Record> payloadType) {
        return BY_PAYLOAD.computeIfAbsent(payloadType, type -> {
            String resource = Schemas.BY_PAYLOAD.get(type);
            if (resource == null) {
                throw new IllegalArgumentException("No contract schema for " + type.getName());
            }
            return REGISTRY.getSchema(SchemaLocation.of("classpath:" + resource));
        });
    }

    private static String cut(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "...";
    }
}
