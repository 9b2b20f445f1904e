package io.switchboard.channel.history;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class StatusHistoryEntries implements PanacheRepository<StatusHistoryEntry> {

    /** A page of the channel's history, oldest first, with uptime over the last day and week. */
    public HistoryView page(String channelId, int page, int size) {
        var query = find("channelId", Sort.ascending("version"), channelId);
        List<StatusHistoryEntry> items = query.page(Page.of(page, size)).list();
        Instant now = Instant.now();
        List<StatusHistoryEntry> week = since(channelId, now.minus(Duration.ofDays(7)));
        return HistoryView.of(
                channelId,
                items,
                page,
                size,
                query.count(),
                Uptime.of(week, Duration.ofDays(1), now),
                Uptime.of(week, Duration.ofDays(7), now),
                statusSince(channelId));
    }

    /**
     * When the channel entered its current status: the first change after the last one that left another status
     * (announcements of the same status do not restart it); null without history.
     */
    private Instant statusSince(String channelId) {
        return getEntityManager()
                .createQuery("""
                        select min(e.occurredAt) from StatusHistoryEntry e
                        where e.channelId = :channel and e.version > coalesce((
                            select max(o.version) from StatusHistoryEntry o
                            where o.channelId = :channel and o.status <> (
                                select n.status from StatusHistoryEntry n where n.channelId = :channel
                                and n.version = (select max(m.version) from StatusHistoryEntry m
                                                 where m.channelId = :channel))), 0)
                        """, Instant.class)
                .setParameter("channel", channelId)
                .getSingleResult();
    }

    /** The changes since {@code from}, and the last one before it (the status the period opens with). */
    private List<StatusHistoryEntry> since(String channelId, Instant from) {
        List<StatusHistoryEntry> before = find(
                        "channelId = ?1 and occurredAt <= ?2", Sort.descending("version"), channelId, from)
                .page(0, 1)
                .list();
        List<StatusHistoryEntry> after =
                list("channelId = ?1 and occurredAt > ?2", Sort.ascending("version"), channelId, from);
        return before.isEmpty()
                ? after
                : java.util.stream.Stream.concat(before.stream(), after.stream())
                        .toList();
    }
}
