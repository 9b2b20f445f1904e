package io.switchboard.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.notification.curator.Curator;
import io.switchboard.notification.curator.Curators;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queues notices for curators: a delivery row per curator and medium, in the caller's transaction (so a notice is
 * queued exactly when what caused it is committed), sent by {@link DeliveryWorker} after the commit. A webhook body
 * follows the Standard Webhooks convention {@code {"type", "timestamp", "data"}}; an email is its subject and text.
 */
@ApplicationScoped
public class Notifier {

    private final Deliveries deliveries;
    private final Curators curators;
    private final ObjectMapper json;
    private final Clock clock;
    private final DeliveryWorker worker;
    private final DeliverySettings settings;

    public Notifier(
            Deliveries deliveries,
            Curators curators,
            ObjectMapper json,
            Clock clock,
            DeliveryWorker worker,
            DeliverySettings settings) {
        this.deliveries = deliveries;
        this.curators = curators;
        this.json = json;
        this.clock = clock;
        this.worker = worker;
        this.settings = settings;
    }

    /** Tells every curator of the account who wants the notice's kind (about its channel). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Delivery> tell(Notice notice) {
        List<Delivery> made = new ArrayList<>();
        for (Curator curator : curators.following(notice.accountId(), notice.channelId(), notice.kind())) {
            made.addAll(tell(curator, notice));
        }
        return made;
    }

    /** Tells one curator, by its email and its webhook (unless a 410 disabled it); none when it has neither. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Delivery> tell(Curator curator, Notice notice) {
        Instant now = clock.instant();
        List<Delivery> made = new ArrayList<>();
        if (curator.hasWorkingWebhook()) {
            Map<String, Object> data = new LinkedHashMap<>(notice.data());
            data.put("subject", notice.subject());
            data.put("text", notice.text());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", notice.type());
            body.put("timestamp", now.toString());
            body.put("data", data);
            made.add(queue(curator, Delivery.Medium.WEBHOOK, notice.type(), body, now));
        }
        if (curator.email != null) {
            made.add(queue(
                    curator,
                    Delivery.Medium.EMAIL,
                    notice.type(),
                    Map.of("subject", notice.subject(), "text", notice.text()),
                    now));
        }
        if (!made.isEmpty()) {
            worker.wakeAfterCommit();
        }
        return made;
    }

    private Delivery queue(
            Curator curator, Delivery.Medium medium, String type, Map<String, Object> payload, Instant now) {
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.accountId = curator.accountId;
        delivery.curatorId = curator.id;
        delivery.medium = medium;
        delivery.kind = type;
        delivery.payload = write(payload);
        delivery.state = Delivery.State.PENDING;
        delivery.nextAttemptAt = now.plus(settings.schedule().get(0));
        delivery.createdAt = now;
        deliveries.persist(delivery);
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
