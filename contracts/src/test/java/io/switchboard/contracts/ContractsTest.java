package io.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import io.switchboard.contracts.Topics.TopicSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AsyncAPI document, the topic list in {@link Topics} and the schemas named by {@link Schemas} describe the same
 * thing, and every example in the document is a valid event.
 */
@Tag("fast")
class ContractsTest {

    private static final String DLQ_PARAMETER = "{topic}";

    /** The producing service of each topic, as the design fixes it. */
    private static final Map<String, String> PRODUCERS = Map.of(
            Topics.PROVIDER_EVENTS, "channel-service",
            Topics.CHANNEL_STATUS, "channel-service",
            Topics.CHANNEL_STATE, "channel-service",
            Topics.BILLING_ACCOUNT, "billing-service",
            Topics.MESSAGE_STATUS, "message-queue-service",
            Topics.CHAT_SYSTEM_MESSAGES, "notification-service",
            Topics.CHANNEL_CHECK_REQUESTS, "message-queue-service");

    private static final JsonNode DOC = JsonSchemas.asyncApi();

    // ---------------------------------------------------------------- examples

    /** Every example of every message of every channel, found by following the document's references. */
    static Stream<Arguments> examples() {
        List<Arguments> examples = new ArrayList<>();
        DOC.path("channels")
                .fields()
                .forEachRemaining(channel -> channel.getValue()
                        .path("messages")
                        .fields()
                        .forEachRemaining(entry -> {
                            JsonNode message = resolve(entry.getValue());
                            for (JsonNode example : message.path("examples")) {
                                examples.add(Arguments.of(
                                        channel.getKey() + "/" + entry.getKey() + "/"
                                                + example.path("name").asText(),
                                        message,
                                        example));
                            }
                        }));
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void examplePayloadValidatesAgainstTheMessagePayloadSchema(String name, JsonNode message, JsonNode example) {
        assertThat(example.has("payload")).as(name).isTrue();

        assertThat(JsonSchemas.errors(payloadSchema(message), example.get("payload")))
                .as(name)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleHeadersValidateAgainstTheMessageHeadersSchema(String name, JsonNode message, JsonNode example) {
        assertThat(example.path("headers").isObject()).as(name).isTrue();
        Schema headers = JsonSchemas.inline(JsonSchemas.inlineLocalRefs(message.get("headers"), DOC));

        assertThat(JsonSchemas.errors(headers, example.get("headers"))).as(name).isEmpty();
    }

    @Test
    void everyMessageHasAtLeastTwoExamplesAndExamplesAreChecked() {
        assertThat(DOC.path("components").path("messages").size()).isEqualTo(Topics.ALL.size() + 1);
        DOC.path("components").path("messages").fields().forEachRemaining(message -> {
            assertThat(message.getValue().path("examples").size())
                    .as(message.getKey())
                    .isGreaterThanOrEqualTo(2);
            assertThat(message.getValue().path("contentType").asText())
                    .as(message.getKey())
                    .isEqualTo("application/json");
            assertThat(message.getValue().path("name").asText())
                    .as(message.getKey())
                    .isEqualTo(message.getKey());
        });
        assertThat(examples().count()).isGreaterThanOrEqualTo(2L * (Topics.ALL.size() + 1));
    }

    @Test
    void anExampleThatBreaksTheSchemaIsCaught() {
        JsonNode message = DOC.at("/components/messages/ChannelStatusChanged");
        ObjectNode payload = (ObjectNode) message.at("/examples/0/payload").deepCopy();
        payload.put("status", "CONNECTED");

        assertThat(JsonSchemas.errors(payloadSchema(message), payload)).isNotEmpty();
    }

    @Test
    void headersSchemaRejectsAWrongEventTypeAndMissingAttributes() {
        JsonNode message = DOC.at("/components/messages/ChannelStatusChanged");
        Schema headers = JsonSchemas.inline(JsonSchemas.inlineLocalRefs(message.get("headers"), DOC));
        ObjectNode wrongType = (ObjectNode) message.at("/examples/0/headers").deepCopy();
        wrongType.put("ce_type", Streams.CHANNEL_STATE.type());
        ObjectNode noId = (ObjectNode) message.at("/examples/0/headers").deepCopy();
        noId.remove("ce_id");

        assertThat(JsonSchemas.errors(headers, wrongType)).isNotEmpty();
        assertThat(JsonSchemas.errors(headers, noId)).isNotEmpty();
    }

    // ---------------------------------------------------------------- channels and topics

    @Test
    void topicsConstantsAreExactlyTheTopicList() {
        assertThat(topicConstants()).containsExactlyInAnyOrderElementsOf(topicNames());
    }

    @Test
    void everyChannelAddressIsATopicAndEveryTopicHasAChannel() {
        List<String> addresses = new ArrayList<>();
        DOC.path("channels").fields().forEachRemaining(channel -> {
            String address = channel.getValue().path("address").asText();
            if (address.contains(DLQ_PARAMETER)) {
                addresses.addAll(expandDeadLetters(channel.getValue()));
            } else {
                addresses.add(address);
            }
        });

        Set<String> expected =
                Topics.allWithDeadLetters().stream().map(TopicSpec::name).collect(Collectors.toSet());
        assertThat(addresses).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(addresses).filteredOn(a -> !a.endsWith(Topics.DLQ_SUFFIX)).allMatch(topicConstants()::contains);
    }

    @Test
    void theDeadLetterFamilyIsDescribedOnceForEveryTopic() {
        List<JsonNode> families = channels().values().stream()
                .filter(c -> c.path("address").asText().contains(DLQ_PARAMETER))
                .toList();

        assertThat(families).hasSize(1);
        JsonNode dlq = families.get(0);
        assertThat(dlq.path("address").asText()).isEqualTo(Topics.dlq(DLQ_PARAMETER));
        assertThat(textValues(dlq.at("/parameters/topic/enum"))).containsExactlyElementsOf(topicNames());
        int dlqPartitions = Topics.allWithDeadLetters().stream()
                .filter(s -> s.name().endsWith(Topics.DLQ_SUFFIX))
                .mapToInt(TopicSpec::partitions)
                .distinct()
                .reduce((a, b) -> -1)
                .orElseThrow();
        assertThat(dlq.at("/bindings/kafka/partitions").asInt()).isEqualTo(dlqPartitions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void channelDescribesTheTopicLayoutAndKey(TopicSpec topic) {
        JsonNode channel = channelFor(topic.name());
        JsonNode kafka = channel.at("/bindings/kafka");

        assertThat(kafka.path("partitions").asInt()).isEqualTo(topic.partitions());
        assertThat(textValues(kafka.at("/topicConfiguration/cleanup.policy")))
                .containsExactly(topic.compacted() ? "compact" : "delete");

        List<JsonNode> messages = messagesOf(channel);
        assertThat(messages).hasSize(1);
        JsonNode key = messages.get(0).at("/bindings/kafka/key");
        assertThat(key.path("type").asText()).isEqualTo("string");
        assertThat(key.path("title").asText())
                .as("record key of " + topic.name())
                .isEqualTo(topic.key());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void messagePayloadIsTheSchemaThatSchemasNamesForTheTopic(TopicSpec topic) {
        JsonNode message = messagesOf(channelFor(topic.name())).get(0);
        String ref = message.at("/payload/$ref").asText();

        assertThat(ref).startsWith("./schemas/");
        assertThat(JsonSchemas.resourceRelativeToAsyncApi(ref)).isEqualTo(Schemas.resourceFor(topic.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void messageCarriesTheTopicsCloudEventsTypeAndSource(TopicSpec topic) {
        JsonNode message = messagesOf(channelFor(topic.name())).get(0);
        JsonNode headers = JsonSchemas.inlineLocalRefs(message.get("headers"), DOC);
        String source = EventTypes.source(PRODUCERS.get(topic.name()));

        assertThat(headers.findValues("ce_type").stream()
                        .map(n -> n.path("const").asText()))
                .contains(Streams.ofTopic(topic.name()).type());
        assertThat(headers.findValues("ce_source").stream()
                        .map(n -> n.path("const").asText()))
                .contains(source);
        for (JsonNode example : message.path("examples")) {
            JsonNode exampleHeaders = example.path("headers");
            assertThat(exampleHeaders.path("ce_type").asText())
                    .isEqualTo(Streams.ofTopic(topic.name()).type());
            assertThat(exampleHeaders.path("ce_source").asText()).isEqualTo(source);
            assertThat(exampleHeaders.path("ce_subject").asText())
                    .as("ce_subject is what the stream says")
                    .isEqualTo(subjectOf(Streams.ofTopic(topic.name()), example.path("payload")));
        }
    }

    /** The subject the stream gives a payload, read as the producer writes it. */
    private static <P extends Record> String subjectOf(EventStream<P> stream, JsonNode payload) {
        try {
            return stream.subjectOf(JsonSchemas.JSON.treeToValue(payload, stream.payloadType()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("example payload of " + stream.topic() + " does not read as its record", e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void theProducingServiceHasASendOperationOnTheTopic(TopicSpec topic) {
        String channelName = channelNameFor(topic.name());
        List<JsonNode> sends = operationsOn(channelName);

        assertThat(sends).hasSize(1);
        JsonNode operation = sends.get(0);
        assertThat(operation.path("action").asText()).isEqualTo("send");
        assertThat(textValues(tagNames(operation))).containsExactly(PRODUCERS.get(topic.name()));
        for (JsonNode messageRef : operation.path("messages")) {
            assertThat(messageRef.path("$ref").asText()).startsWith("#/channels/" + channelName + "/messages/");
            assertThat(resolve(messageRef).isObject()).isTrue();
        }
    }

    @Test
    void serverIsTheLocalKafkaBroker() {
        assertThat(DOC.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(DOC.at("/info/title").asText()).isEqualTo("Switchboard events");
        JsonNode servers = DOC.path("servers");
        assertThat(servers.size()).isEqualTo(1);
        JsonNode server = servers.elements().next();
        assertThat(server.path("host").asText()).isEqualTo("localhost:9092");
        assertThat(server.path("protocol").asText()).isEqualTo("kafka");
        assertThat(DOC.at("/info/description").asText())
                .contains(
                        "ce_id",
                        "ce_source",
                        "ce_type",
                        "ce_subject",
                        "ce_time",
                        "ce_specversion",
                        "content-type",
                        "application/json",
                        "channelId",
                        "accountId");
    }

    @Test
    void everyReferenceInTheDocumentResolves() {
        List<String> refs = DOC.findValuesAsText("$ref");

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                assertThat(DOC.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            } else {
                String resource = JsonSchemas.resourceRelativeToAsyncApi(ref);
                assertThat(getClass().getClassLoader().getResource(resource))
                        .as(ref)
                        .isNotNull();
            }
        }
    }

    // ---------------------------------------------------------------- Schemas

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void schemasNamesAnExistingSchemaForEveryTopic(TopicSpec topic) throws Exception {
        String resource = Schemas.resourceFor(topic.name());

        assertThat(resource).startsWith(Schemas.RESOURCE_BASE).endsWith(".schema.json");
        assertThat(getClass().getClassLoader().getResource(resource))
                .as(resource)
                .isNotNull();
        try (var in = Schemas.open(topic.name())) {
            assertThat(JsonSchemas.JSON.readTree(in).path("$id").asText()).isEqualTo(Schemas.idFor(topic.name()));
        }
    }

    @Test
    void schemasMapsExactlyTheTopicsAndEveryPayloadRecord() {
        assertThat(Schemas.BY_TOPIC.keySet()).containsExactlyElementsOf(topicNames());
        assertThat(Schemas.BY_PAYLOAD.values()).containsExactlyInAnyOrderElementsOf(Schemas.BY_TOPIC.values());
        assertThat(Schemas.BY_PAYLOAD.keySet()).allMatch(Class::isRecord);
        assertThat(JsonSchemas.readResource(Schemas.ASYNCAPI).isObject()).isTrue();
    }

    @Test
    void deadLetterAndUnknownTopicsHaveNoSchema() {
        assertThatThrownBy(() -> Schemas.resourceFor(Topics.dlq(Topics.CHANNEL_STATUS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Dead-letter");
        assertThatThrownBy(() -> Schemas.resourceFor("channel.status.v2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown topic");
    }

    // ---------------------------------------------------------------- helpers

    static Stream<TopicSpec> topics() {
        return Topics.ALL.stream();
    }

    private static List<String> topicNames() {
        return Topics.ALL.stream().map(TopicSpec::name).toList();
    }

    /** The values of the public String constants of {@link Topics} that name a topic. */
    private static List<String> topicConstants() {
        List<String> constants = new ArrayList<>();
        for (Field field : Topics.class.getFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() == String.class
                    && Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)
                    && !field.getName().equals("DLQ_SUFFIX")) {
                try {
                    constants.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return constants;
    }

    private static Map<String, JsonNode> channels() {
        Map<String, JsonNode> channels = new LinkedHashMap<>();
        DOC.path("channels").fields().forEachRemaining(c -> channels.put(c.getKey(), c.getValue()));
        return channels;
    }

    private static String channelNameFor(String topic) {
        return channels().entrySet().stream()
                .filter(c -> c.getValue().path("address").asText().equals(topic))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No channel with address " + topic));
    }

    private static JsonNode channelFor(String topic) {
        return channels().get(channelNameFor(topic));
    }

    private static List<JsonNode> messagesOf(JsonNode channel) {
        List<JsonNode> messages = new ArrayList<>();
        channel.path("messages").forEach(m -> messages.add(resolve(m)));
        return messages;
    }

    private static List<JsonNode> operationsOn(String channelName) {
        List<JsonNode> operations = new ArrayList<>();
        DOC.path("operations").forEach(operation -> {
            if (operation.at("/channel/$ref").asText().equals("#/channels/" + channelName)) {
                operations.add(operation);
            }
        });
        return operations;
    }

    private static JsonNode tagNames(JsonNode operation) {
        var names = JsonSchemas.JSON.createArrayNode();
        operation.path("tags").forEach(tag -> names.add(tag.path("name").asText()));
        return names;
    }

    private static List<String> expandDeadLetters(JsonNode channel) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode topic : channel.at("/parameters/topic/enum")) {
            addresses.add(channel.path("address").asText().replace(DLQ_PARAMETER, topic.asText()));
        }
        return addresses;
    }

    /** Follows a local reference ({@code $ref: '#/...'}) in the document. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolve(DOC.at(ref.asText().substring(1)));
    }

    /** The payload schema of a message: the referenced schema file, or the inline schema. */
    private static Schema payloadSchema(JsonNode message) {
        JsonNode payload = message.get("payload");
        String ref = payload.path("$ref").asText(null);
        if (ref != null && !ref.startsWith("#")) {
            return JsonSchemas.fromResource(JsonSchemas.resourceRelativeToAsyncApi(ref));
        }
        return JsonSchemas.inline(JsonSchemas.inlineLocalRefs(payload, DOC));
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
