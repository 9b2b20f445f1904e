package io.switchboard.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a batch of one partition's events is applied: the redeliveries are taken out (recorded in the
 * {@link ProcessedEvents} log in the same transaction, so an event and its effect commit together), and the rest go
 * to the consumer in order.
 */
@ApplicationScoped
public class Inbox {

    private final ProcessedEvents processed;

    public Inbox(ProcessedEvents processed) {
        this.processed = processed;
    }

    /** Applies the events the consumer has not applied before; returns how many were applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> int apply(EventConsumer<T> consumer, List<Received<T>> events) {
        Subscription<T> subscription = consumer.subscription();
        if (subscription.dedupe().isEmpty()) {
            consumer.applyAll(events);
            return events.size();
        }
        Dedupe<T> dedupe = subscription.dedupe().get();
        int applied = 0;
        List<Received<T>> chunk = new ArrayList<>();
        Map<String, ProcessedEvents.Key> keys = new LinkedHashMap<>();
        for (Received<T> event : events) {
            ProcessedEvents.Key key = new ProcessedEvents.Key(
                    dedupe.key().apply(event), dedupe.time().apply(event));
            ProcessedEvents.Key earlier = keys.get(key.key());
            if (earlier != null && repeats(dedupe, earlier, key)) {
                // The same key a repeat window later (a consumer far behind): a new event, after the ones before it.
                applied += applyFresh(consumer, dedupe, chunk, keys);
                chunk = new ArrayList<>();
                keys = new LinkedHashMap<>();
                earlier = null;
            }
            if (earlier == null) {
                keys.put(key.key(), key);
                chunk.add(event);
            }
            // else: the same key again within the window, in one batch: a redelivery
        }
        return applied + applyFresh(consumer, dedupe, chunk, keys);
    }

    private <T> int applyFresh(
            EventConsumer<T> consumer,
            Dedupe<T> dedupe,
            List<Received<T>> chunk,
            Map<String, ProcessedEvents.Key> keys) {
        if (chunk.isEmpty()) {
            return 0;
        }
        Set<String> fresh = processed.firstDeliveries(
                consumer.subscription().name(), List.copyOf(keys.values()), dedupe.repeatAfter());
        List<Received<T>> toApply = chunk.stream()
                .filter(event -> fresh.contains(dedupe.key().apply(event)))
                .toList();
        if (!toApply.isEmpty()) {
            consumer.applyAll(toApply);
        }
        return toApply.size();
    }

    private static <T> boolean repeats(Dedupe<T> dedupe, ProcessedEvents.Key earlier, ProcessedEvents.Key later) {
        return dedupe.repeatAfter() != null && !later.at().isBefore(earlier.at().plus(dedupe.repeatAfter()));
    }
}
