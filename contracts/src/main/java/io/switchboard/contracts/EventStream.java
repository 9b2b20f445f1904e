package io.switchboard.contracts;

import java.util.function.Function;

/**
 * One event stream, declared once in {@link Streams}: the topic and its layout, the CloudEvents type and payload
 * record of its events, the payload's JSON Schema, and which of the payload's fields are the record key and the
 * CloudEvents subject. The topic list, the schema lookup, the outbox and the consumers all read it from here.
 *
 * @param topic the Kafka topic (a {@link Topics} name)
 * @param type the CloudEvents {@code type} of its events
 * @param payloadType the record its events carry, as JSON
 * @param schema the classpath resource of the payload's JSON Schema
 * @param keyName the payload field that is the record key (records of one key stay on one partition, in order)
 * @param key reads the record key from a payload
 * @param subject reads the CloudEvents {@code subject} (the entity the event is about) from a payload
 * @param partitions partitions of the topic
 * @param compacted whether the topic keeps only the latest record of each key
 */
public record EventStream<P extends Record>(
        String topic,
        String type,
        Class<P> payloadType,
        String schema,
        String keyName,
        Function<P, String> key,
        Function<P, String> subject,
        int partitions,
        boolean compacted) {

    /** The record key of a payload of this stream. */
    public String keyOf(P payload) {
        return key.apply(payload);
    }

    /** The CloudEvents subject of a payload of this stream. */
    public String subjectOf(P payload) {
        return subject.apply(payload);
    }

    /** The topic and its layout. */
    public Topics.TopicSpec spec() {
        return new Topics.TopicSpec(topic, keyName, partitions, compacted);
    }
}
