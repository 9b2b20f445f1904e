package io.switchboard.platform.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A CloudEvent as it arrives from Kafka in binary mode: attributes in {@code ce_*} headers, the JSON payload as the
 * record value.
 *
 * @param id the CloudEvents id; for a record without one, {@code topic-partition@offset}, which is stable too
 * @param timestamp the record's Kafka timestamp (epoch milliseconds): when it was written
 */
public record IncomingEvent(
        String id, String type, String source, String subject, String key, String data, long timestamp) {

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        if (id == null) {
            id = record.topic() + "-" + record.partition() + "@" + record.offset();
        }
        return new IncomingEvent(
                id,
                header(record, "ce_type"),
                header(record, "ce_source"),
                header(record, "ce_subject"),
                record.key(),
                record.value(),
                record.timestamp());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
