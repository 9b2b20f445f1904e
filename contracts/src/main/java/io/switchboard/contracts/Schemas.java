package io.switchboard.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the JSON Schema (draft 2020-12) of every topic's payload lives in this jar, and the AsyncAPI document that
 * describes all topics. A producer or a test validates what it publishes against {@link #resourceFor(String)}.
 *
 * <p>Every schema has the {@code $id} {@code https://switchboard.io/schemas/<name>.schema.json}; a validator maps
 * the prefix {@link #ID_BASE} to the classpath prefix {@link #RESOURCE_BASE} and never goes to the network.
 *
 * <p>Dead-letter topics have no payload schema of their own: they carry the failed record unchanged, which may be
 * exactly what did not validate.
 */
public final class Schemas {

    /** Classpath folder of the schemas (no leading slash, for {@link ClassLoader#getResource(String)}). */
    public static final String RESOURCE_BASE = "io/switchboard/contracts/schemas/";
    /** Prefix of every schema's {@code $id}. */
    public static final String ID_BASE = "https://switchboard.io/schemas/";
    /** Classpath location of the AsyncAPI 3.0.0 document; its payload {@code $ref}s are relative to it. */
    public static final String ASYNCAPI = "io/switchboard/contracts/asyncapi.yaml";

    /**
     * Topic (dead-letter topics excluded) to the classpath resource of its payload schema, in {@link Topics#ALL} order.
     */
    public static final Map<String, String> BY_TOPIC;
    /** Payload record to the classpath resource of its schema. */
    public static final Map<Class<? extends Record>, String> BY_PAYLOAD;

    static {
        Map<String, String> byTopic = new LinkedHashMap<>();
        Map<Class<? extends Record>, String> byPayload = new LinkedHashMap<>();
        for (EventStream<?> stream : Streams.ALL) {
            byTopic.put(stream.topic(), stream.schema());
            byPayload.put(stream.payloadType(), stream.schema());
        }
        BY_TOPIC = Collections.unmodifiableMap(byTopic);
        BY_PAYLOAD = Collections.unmodifiableMap(byPayload);
    }

    private Schemas() {}

    /**
     * The classpath resource of the payload schema of {@code topic}, e.g.
     * {@code io/switchboard/contracts/schemas/channel-status-changed.schema.json}.
     *
     * @throws IllegalArgumentException for an unknown topic or a dead-letter topic
     */
    public static String resourceFor(String topic) {
        return Streams.ofTopic(topic).schema();
    }

    /** The classpath resource of the schema of a payload record, e.g. {@code ChannelState.class}. */
    public static String resourceFor(Class<? extends Record> payloadType) {
        String resource = BY_PAYLOAD.get(payloadType);
        if (resource == null) {
            throw new IllegalArgumentException("Not a topic payload: " + payloadType.getName());
        }
        return resource;
    }

    /** The {@code $id} of the payload schema of {@code topic}. */
    public static String idFor(String topic) {
        return ID_BASE + resourceFor(topic).substring(RESOURCE_BASE.length());
    }

    /** Opens the payload schema of {@code topic}; the caller closes the stream. */
    public static InputStream open(String topic) {
        return openResource(resourceFor(topic));
    }

    /** Opens the AsyncAPI document; the caller closes the stream. */
    public static InputStream openAsyncApi() {
        return openResource(ASYNCAPI);
    }

    private static InputStream openResource(String resource) {
        InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new UncheckedIOException(new IOException("Missing classpath resource " + resource));
        }
        return in;
    }
}
