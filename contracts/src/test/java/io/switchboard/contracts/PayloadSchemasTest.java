package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.switchboard.contracts.billing.BillingAccountChanged;
import io.switchboard.contracts.billing.BillingAccountState;
import io.switchboard.contracts.channel.ChannelAlert;
import io.switchboard.contracts.channel.ChannelCheckReason;
import io.switchboard.contracts.channel.ChannelCheckRequested;
import io.switchboard.contracts.channel.ChannelKind;
import io.switchboard.contracts.channel.ChannelState;
import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.ChannelStatusChanged;
import io.switchboard.contracts.channel.CloudStanding;
import io.switchboard.contracts.channel.MessagingLimit;
import io.switchboard.contracts.channel.MessagingRestriction;
import io.switchboard.contracts.channel.NumberQuality;
import io.switchboard.contracts.channel.RequiredAction;
import io.switchboard.contracts.channel.SendPolicy;
import io.switchboard.contracts.channel.StatusCause;
import io.switchboard.contracts.chat.ChatSystemMessage;
import io.switchboard.contracts.chat.SystemMessageKind;
import io.switchboard.contracts.message.FirstContact;
import io.switchboard.contracts.message.MessageState;
import io.switchboard.contracts.message.MessageStatusChanged;
import io.switchboard.contracts.provider.BanState;
import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.contracts.provider.ReceiptStatus;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The payload records and their JSON Schemas agree: what the services publish validates, and nothing else does. */
@Tag("fast")
class PayloadSchemasTest {

    /** Every enum that appears in a payload: the Java enum is the one source of truth for its constants. */
    private static final List<Class<? extends Enum<?>>> ENUMS = List.of(
            ChannelStatus.class,
            SendPolicy.class,
            RequiredAction.class,
            StatusCause.class,
            ProviderEventType.class,
            BillingAccountState.class,
            MessageState.class,
            SystemMessageKind.class,
            ChannelKind.class,
            FirstContact.class,
            ReceiptStatus.class,
            ChannelCheckReason.class,
            ChannelAlert.class,
            NumberQuality.class,
            MessagingLimit.class,
            MessagingRestriction.class,
            BanState.class);

    /** The record components documented as nullable; every other component is required and never null. */
    private static final Map<Class<? extends Record>, Set<String>> NULLABLE = Map.ofEntries(
            Map.entry(
                    ProviderEvent.class,
                    Set.of(
                            "deliveryKey",
                            "providerChannelId",
                            "health",
                            "qr",
                            "user",
                            "receipts",
                            "inbound",
                            "calls",
                            "standing",
                            "template")),
            Map.entry(
                    ChannelStatusChanged.class,
                    Set.of("previousStatus", "detail", "providerChannelId", "kind", "alert", "cloud")),
            Map.entry(ChannelState.class, Set.of("providerChannelId", "kind", "cloud")),
            Map.entry(
                    CloudStanding.class,
                    Set.of("quality", "messagingLimit", "restriction", "restrictedUntil", "sendingLimitedBy")),
            Map.entry(
                    ProviderEvent.Standing.class,
                    Set.of("quality", "messagingLimit", "restricted", "restrictedUntil", "banState", "violation")),
            Map.entry(BillingAccountChanged.class, Set.of("runwayDays")),
            Map.entry(
                    MessageStatusChanged.class,
                    Set.of("previousState", "reason", "providerMessageId", "errorCode", "heldBy", "firstContact")),
            Map.entry(ChatSystemMessage.class, Set.of()),
            Map.entry(ChannelCheckRequested.class, Set.of()),
            Map.entry(ProviderEvent.WhatsAppUser.class, Set.of("name")),
            Map.entry(ProviderEvent.Health.class, Set.of()),
            Map.entry(ProviderEvent.Qr.class, Set.of()),
            Map.entry(ProviderEvent.Receipt.class, Set.of("recipientId", "occurredAt", "errorCode", "errorText")),
            Map.entry(ProviderEvent.InboundMessage.class, Set.of("sentAt")),
            Map.entry(ProviderEvent.Call.class, Set.of("at")),
            Map.entry(ProviderEvent.TemplateStatus.class, Set.of("reason")));

    static Stream<Record> samples() {
        return SamplePayloads.all().stream();
    }

    static Stream<Class<? extends Record>> payloadTypes() {
        return Schemas.BY_PAYLOAD.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void recordSerialisedLikeTheServicesDoValidatesAndReadsBackEqual(Record sample) throws Exception {
        String json = JsonSchemas.write(sample);

        assertThat(JsonSchemas.errors(schemaOf(sample.getClass()), json))
                .as(json)
                .isEmpty();
        assertThat(JsonSchemas.JSON.readValue(json, sample.getClass())).isEqualTo(sample);
    }

    @Test
    void samplesCoverEveryEnumConstantAndEveryNullableField() {
        List<Record> samples = SamplePayloads.all();
        Set<Enum<?>> seen = new LinkedHashSet<>();
        Map<Class<?>, Set<String>> seenNull = new HashMap<>();
        for (Record sample : samples) {
            collect(sample, seen, seenNull);
        }
        for (Class<? extends Enum<?>> type : ENUMS) {
            assertThat(seen).as(type.getSimpleName()).containsAll(Arrays.asList(type.getEnumConstants()));
        }
        NULLABLE.forEach((type, nullable) -> assertThat(seenNull.getOrDefault(type, Set.of()))
                .as(type.getSimpleName())
                .containsAll(nullable));
    }

    private static void collect(Record record, Set<Enum<?>> seen, Map<Class<?>, Set<String>> seenNull) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value == null) {
                seenNull.computeIfAbsent(record.getClass(), k -> new LinkedHashSet<>())
                        .add(component.getName());
            } else if (value instanceof Enum<?> constant) {
                seen.add(constant);
            } else if (value instanceof Record nested) {
                collect(nested, seen, seenNull);
            } else if (value instanceof Collection<?> items) {
                items.stream().filter(Record.class::isInstance).forEach(item -> collect((Record) item, seen, seenNull));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadTypes")
    void schemaPropertiesAreTheRecordComponentsAndOnlyNullableOnesAreOptional(Class<? extends Record> type) {
        JsonNode schema = JsonSchemas.readResource(Schemas.resourceFor(type));

        assertObjectSchemaMatchesRecord(schema, type, schema);
        Set<Class<?>> parts = new LinkedHashSet<>(Arrays.asList(type.getDeclaredClasses()));
        for (RecordComponent component : type.getRecordComponents()) {
            parts.add(component.getType()); // a record of its own that the payload carries, e.g. CloudStanding
        }
        for (Class<?> nested : parts) {
            if (nested.isRecord()) {
                JsonNode definition = schema.path("$defs").path(nested.getSimpleName());
                assertThat(definition.isObject())
                        .as("$defs/%s in %s", nested.getSimpleName(), type.getSimpleName())
                        .isTrue();
                assertObjectSchemaMatchesRecord(definition, nested.asSubclass(Record.class), schema);
            }
        }
    }

    private static void assertObjectSchemaMatchesRecord(
            JsonNode objectSchema, Class<? extends Record> type, JsonNode document) {
        List<String> components = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        Set<String> nullable = NULLABLE.get(type);
        assertThat(nullable)
                .as("nullability of %s is listed in this test", type.getSimpleName())
                .isNotNull();

        assertThat(fieldNames(objectSchema.path("properties")))
                .as("properties of %s", type.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(components);
        assertThat(objectSchema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(textValues(objectSchema.path("required")))
                .as("required of %s", type.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(
                        components.stream().filter(c -> !nullable.contains(c)).toList());
        for (String component : components) {
            assertThat(allowsNull(objectSchema.path("properties").path(component), document))
                    .as("%s.%s accepts null", type.getSimpleName(), component)
                    .isEqualTo(nullable.contains(component));
        }
    }

    /** True if the property schema admits JSON null: a "null" type, directly or in one anyOf branch. */
    private static boolean allowsNull(JsonNode property, JsonNode document) {
        if (property.has("$ref")) {
            return allowsNull(document.at(property.get("$ref").asText().substring(1)), document);
        }
        if (textValues(property.path("type")).contains("null")
                || "null".equals(property.path("type").asText())) {
            return true;
        }
        for (JsonNode branch : property.path("anyOf")) {
            if (allowsNull(branch, document)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadTypes")
    void everyEnumInTheSchemaIsExactlyTheJavaEnum(Class<? extends Record> type) {
        JsonNode schema = JsonSchemas.readResource(Schemas.resourceFor(type));
        Map<String, Class<? extends Enum<?>>> enumsByName =
                ENUMS.stream().collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

        List<String> definedEnums = new ArrayList<>();
        schema.path("$defs").fields().forEachRemaining(definition -> {
            if (definition.getValue().has("enum")) {
                Class<? extends Enum<?>> javaEnum = enumsByName.get(definition.getKey());
                assertThat(javaEnum)
                        .as("$defs/%s names a Java enum", definition.getKey())
                        .isNotNull();
                assertThat(textValues(definition.getValue().get("enum")))
                        .as("$defs/%s", definition.getKey())
                        .containsExactly(names(javaEnum));
                definedEnums.add(definition.getKey());
            }
        });
        // Each enum component of the record is described by its Java enum's definition.
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType().isEnum()) {
                assertThat(definedEnums)
                        .as("%s.%s", type.getSimpleName(), component.getName())
                        .contains(component.getType().getSimpleName());
            }
        }
        // Conditions and constants elsewhere (e.g. "if type is HEALTH") name real constants only.
        Set<String> allConstants =
                ENUMS.stream().flatMap(e -> Arrays.stream(names(e))).collect(Collectors.toSet());
        assertThat(enumAndConstValues(schema))
                .as("enum/const values in %s", type.getSimpleName())
                .isSubsetOf(allConstants);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadTypes")
    void schemaIsAValidDraft202012SchemaWithItsIdTitleAndDescription(Class<? extends Record> type) {
        String resource = Schemas.resourceFor(type);
        JsonNode schema = JsonSchemas.readResource(resource);

        assertThat(JsonSchemas.errors(JsonSchemas.at(JsonSchemas.META_SCHEMA), schema))
                .isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo(JsonSchemas.META_SCHEMA);
        assertThat(schema.path("$id").asText())
                .isEqualTo(Schemas.ID_BASE + resource.substring(Schemas.RESOURCE_BASE.length()));
        assertThat(schema.path("title").asText()).isEqualTo(type.getSimpleName());
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("type").asText()).isEqualTo("object");
    }

    @Test
    void schemaLoadsThroughItsIdWithoutTheNetwork() {
        String json = JsonSchemas.write(SamplePayloads.channelStatusChanges().get(1));

        assertThat(JsonSchemas.errors(JsonSchemas.at(Schemas.idFor(Topics.CHANNEL_STATUS)), json))
                .isEmpty();
    }

    // ---------------------------------------------------------------- negative cases: the schemas do reject

    static Stream<Arguments> invalidPayloads() {
        return Stream.of(
                invalid("missing required status", statusChange(), n -> n.remove("status")),
                invalid("missing required occurredAt", statusChange(), n -> n.remove("occurredAt")),
                invalid("unknown status value", statusChange(), n -> n.put("status", "CONNECTED")),
                invalid("lower-case status value", statusChange(), n -> n.put("status", "active")),
                invalid("unknown previousStatus value", statusChange(), n -> n.put("previousStatus", "AUTH")),
                invalid("version as a string", statusChange(), n -> n.put("version", "3")),
                invalid("negative version", statusChange(), n -> n.put("version", -1)),
                invalid("null channelId", statusChange(), n -> n.putNull("channelId")),
                invalid("empty channelId", statusChange(), n -> n.put("channelId", "")),
                invalid("phone not in E.164", statusChange(), n -> n.put("phone", "0412 345 678")),
                invalid("unknown property", statusChange(), n -> n.put("connected", true)),
                invalid("occurredAt not a date-time", statusChange(), n -> n.put("occurredAt", "yesterday")),
                invalid("occurredAt as epoch seconds", statusChange(), n -> n.put("occurredAt", 1713774884.123)),
                invalid("enabled as a string", state(), n -> n.put("enabled", "true")),
                invalid("unknown connectionStatus", state(), n -> n.put("connectionStatus", "AUTH")),
                invalid(
                        "updatedAt on a day that does not exist",
                        state(),
                        n -> n.put("updatedAt", "2024-02-30T10:00:00Z")),
                invalid("HEALTH without health", providerEvent(ProviderEventType.HEALTH), n -> n.putNull("health")),
                invalid(
                        "HEALTH carrying a user",
                        providerEvent(ProviderEventType.HEALTH),
                        n -> n.putObject("user").put("id", "61371989950")),
                invalid("QR without qr", providerEvent(ProviderEventType.QR), n -> n.remove("qr")),
                invalid(
                        "users.delete without user",
                        providerEvent(ProviderEventType.SESSION_DISCONNECTED),
                        n -> n.putNull("user")),
                invalid(
                        "health without uptime",
                        providerEvent(ProviderEventType.HEALTH),
                        n -> ((ObjectNode) n.get("health")).remove("uptime")),
                invalid(
                        "unknown provider event type",
                        providerEvent(ProviderEventType.CALL),
                        n -> n.put("type", "TYPING")),
                invalid(
                        "MESSAGE_STATUS without receipts",
                        providerEvent(ProviderEventType.MESSAGE_STATUS),
                        n -> n.putNull("receipts")),
                invalid(
                        "MESSAGE_STATUS with no receipt",
                        providerEvent(ProviderEventType.MESSAGE_STATUS),
                        n -> n.putArray("receipts")),
                invalid(
                        "receipt with an unknown status",
                        providerEvent(ProviderEventType.MESSAGE_STATUS),
                        n -> ((ObjectNode) n.get("receipts").get(0)).put("status", "SEEN")),
                invalid(
                        "receipts on a HEALTH event",
                        providerEvent(ProviderEventType.HEALTH),
                        n -> n.set(
                                "receipts",
                                JsonSchemas.tree(providerEvent(ProviderEventType.MESSAGE_STATUS))
                                        .get("receipts"))),
                invalid(
                        "MESSAGE_RECEIVED without inbound",
                        providerEvent(ProviderEventType.MESSAGE_RECEIVED),
                        n -> n.putNull("inbound")),
                invalid(
                        "inbound message from a number that is not E.164",
                        providerEvent(ProviderEventType.MESSAGE_RECEIVED),
                        n -> ((ObjectNode) n.get("inbound").get(0)).put("from", "61412345678")),
                invalid(
                        "inbound on a MESSAGE_STATUS event",
                        providerEvent(ProviderEventType.MESSAGE_STATUS),
                        n -> n.set(
                                "inbound",
                                JsonSchemas.tree(providerEvent(ProviderEventType.MESSAGE_RECEIVED))
                                        .get("inbound"))),
                invalid("unknown channel kind", statusChange(), n -> n.put("kind", "SMS")),
                invalid("unknown firstContact", message(), n -> n.put("firstContact", "MAYBE")),
                invalid("heldBy not a status", message(), n -> n.put("heldBy", "AUTH")),
                invalid("balance with a comma", billing(), n -> n.put("balance", "12,50")),
                invalid("balance as a number", billing(), n -> n.put("balance", 12.5)),
                invalid("balance in exponent form", billing(), n -> n.put("balance", "1.25E+1")),
                invalid("currency in lower case", billing(), n -> n.put("currency", "eur")),
                invalid("negative runway", billing(), n -> n.put("runwayDays", -1)),
                invalid("unknown billing state", billing(), n -> n.put("state", "SUSPENDED")),
                invalid("unknown message state", message(), n -> n.put("state", "PENDING")),
                invalid("missing chatId", message(), n -> n.remove("chatId")),
                invalid("errorCode as a number", message(), n -> n.put("errorCode", 1006)),
                invalid("system message without its prefix", chat(), n -> n.put("text", "Chat is initialized")),
                invalid("unknown system message kind", chat(), n -> n.put("kind", "TYPING")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPayloads")
    void invalidPayloadIsRejected(String why, Class<? extends Record> type, JsonNode payload) {
        assertThat(JsonSchemas.errors(schemaOf(type), payload)).as(why).isNotEmpty();
    }

    @Test
    void instantsWrittenAsTimestampsAreRejected() {
        ObjectMapper timestamps =
                JsonMapper.builder().addModule(new JavaTimeModule()).build();
        Record sample = SamplePayloads.channelStates().get(0);

        String json = JsonSchemas.write(sample);
        String wrong;
        try {
            wrong = timestamps.writeValueAsString(sample);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        assertThat(JsonSchemas.errors(schemaOf(ChannelState.class), json)).isEmpty();
        assertThat(JsonSchemas.errors(schemaOf(ChannelState.class), wrong)).isNotEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static Arguments invalid(String why, Record valid, Consumer<ObjectNode> breakIt) {
        ObjectNode payload = (ObjectNode) JsonSchemas.tree(valid);
        assertThat(JsonSchemas.errors(schemaOf(valid.getClass()), payload))
                .as("valid before: " + why)
                .isEmpty();
        breakIt.accept(payload);
        return Arguments.of(why, valid.getClass(), payload);
    }

    private static ChannelStatusChanged statusChange() {
        return SamplePayloads.channelStatusChanges().get(4); // STARTING -> QR_REQUIRED
    }

    private static ChannelState state() {
        return SamplePayloads.channelStates().get(0);
    }

    private static ProviderEvent providerEvent(ProviderEventType type) {
        return SamplePayloads.providerEvents().stream()
                .filter(e -> e.type() == type)
                .findFirst()
                .orElseThrow();
    }

    private static BillingAccountChanged billing() {
        return SamplePayloads.billingAccountChanges().get(1);
    }

    private static MessageStatusChanged message() {
        return SamplePayloads.messageStatusChanges().get(1);
    }

    private static ChatSystemMessage chat() {
        return SamplePayloads.chatSystemMessages().get(0);
    }

    private static com.networknt.schema.Schema schemaOf(Class<?> type) {
        return JsonSchemas.fromResource(Schemas.resourceFor(type.asSubclass(Record.class)));
    }

    private static String[] names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toArray(String[]::new);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    /** Every string under an "enum" or "const" keyword anywhere in the schema. */
    private static Collection<String> enumAndConstValues(JsonNode node) {
        Set<String> values = new LinkedHashSet<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("enum")) {
                    field.getValue().forEach(value -> values.add(value.asText()));
                } else if (field.getKey().equals("const")) {
                    values.add(field.getValue().asText());
                } else {
                    values.addAll(enumAndConstValues(field.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> values.addAll(enumAndConstValues(item)));
        }
        return values;
    }
}
