package io.switchboard.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.notification.curator.Curator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Queues a notification for a curator's webhook: a delivery row in the caller's transaction, sent by
 * {@link DeliveryWorker} after the commit. The body follows the Standard Webhooks convention:
 * {@code {"type", "timestamp", "data"}}.
 */
@ApplicationScoped
public class Notifier {

    private final Deliveries deliveries;
    private final ObjectMapper json;
    private final Clock clock;
    private final DeliveryWorker worker;
    private final DeliverySettings settings;

    public Notifier(Deliveries deliveries, ObjectMapper json, Clock clock, DeliveryWorker worker,
            DeliverySettings settings) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
        this.worker = worker;
    }

    /** The delivery made, or null when the curator has no webhook or its receiver has gone (410). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Delivery webhook(Curator curator, String type, Map<String, Object> data) {
        if (curator.webhookUrl == null || curator.webhookDisabledAt != null) {
            return null;
        }
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", now.toString());
        body.put("data", data);
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.accountId = curator.accountId;
        delivery.curatorId = curator.id;
        delivery.kind = type;
        delivery.payload = write(body);
        delivery.state = Delivery.State.PENDING;
        delivery.nextAttemptAt = now.plus(settings.schedule().get(0));
        delivery.createdAt = now;
        deliveries.persist(delivery);
        worker.wakeAfterCommit();
        return delivery;
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A notification body cannot be written", e);
        }
    }
}
