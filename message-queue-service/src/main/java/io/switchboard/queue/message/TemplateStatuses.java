package io.switchboard.queue.message;

import io.switchboard.contracts.provider.ProviderEvent;
import io.switchboard.contracts.provider.ProviderEventType;
import io.switchboard.queue.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Meta's status of the message templates of each Cloud API channel ({@code message_template_status_update} on
 * {@code provider.events.v1}): the last one Meta told wins, and a template Meta would refuse is refused at acceptance
 * (409 {@code template-not-sendable}) instead of failing at the send.
 */
@ApplicationScoped
public class TemplateStatuses {

    /** What Meta last said of one template. */
    record Known(String status, boolean sendable, String reason) {}

    private final Jdbc jdbc;

    TemplateStatuses(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the statuses these events tell (any other event is left). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ProviderEvent> events) {
        // One row per template in one statement: the newest of the batch.
        Map<String, ProviderEvent> newest = new LinkedHashMap<>();
        events.stream()
                .filter(event -> event.type() == ProviderEventType.TEMPLATE_STATUS && event.template() != null)
                .forEach(event -> newest.merge(
                        key(
                                event.channelId(),
                                event.template().name(),
                                event.template().language()),
                        event,
                        (a, b) -> b.receivedAt().isBefore(a.receivedAt()) ? a : b));
        if (newest.isEmpty()) {
            return;
        }
        List<ProviderEvent> rows = new ArrayList<>(newest.values());
        jdbc.update(
                """
                INSERT INTO template_status (channel_id, name, language, status, sendable, reason, updated_at)
                SELECT u.channel_id, u.name, u.language, u.status, u.sendable::boolean, u.reason, u.at::timestamptz
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                            ?::varchar[]) AS u(channel_id, name, language, status, sendable, reason, at)
                ON CONFLICT (channel_id, name, language) DO UPDATE SET status = excluded.status,
                    sendable = excluded.sendable, reason = excluded.reason, updated_at = excluded.updated_at
                WHERE template_status.updated_at <= excluded.updated_at""",
                p -> p.strings(rows.stream().map(ProviderEvent::channelId).toList())
                        .strings(rows.stream().map(e -> e.template().name()).toList())
                        .strings(rows.stream().map(e -> e.template().language()).toList())
                        .strings(rows.stream().map(e -> e.template().status()).toList())
                        .strings(rows.stream()
                                .map(e -> String.valueOf(e.template().sendable()))
                                .toList())
                        .strings(rows.stream().map(e -> e.template().reason()).toList())
                        .instants(rows.stream().map(ProviderEvent::receivedAt).toList()));
    }

    /** What Meta said of these templates (parallel lists), by {@link #key}; a template never heard of is absent. */
    Map<String, Known> of(List<String> channelIds, List<String> names, List<String> languages) {
        Map<String, Known> known = new HashMap<>();
        if (channelIds.isEmpty()) {
            return known;
        }
        jdbc.query(
                """
                SELECT t.channel_id, t.name, t.language, t.status, t.sendable, t.reason FROM template_status t
                JOIN unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS u(channel_id, name, language)
                  ON t.channel_id = u.channel_id AND t.name = u.name AND t.language = u.language""",
                p -> p.strings(channelIds).strings(names).strings(languages),
                row -> known.put(
                        key(row.getString("channel_id"), row.getString("name"), row.getString("language")),
                        new Known(row.getString("status"), row.getBoolean("sendable"), row.getString("reason"))));
        return known;
    }

    static String key(String channelId, String name, String language) {
        return channelId + '\n' + name + '\n' + language;
    }
}
