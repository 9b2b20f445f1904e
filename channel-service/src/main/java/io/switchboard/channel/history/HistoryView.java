package io.switchboard.channel.history;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/channels/{id}/history}: a page of changes, oldest first, how much of the last day and week the
 * channel was ACTIVE, and since when it has had its current status ({@code statusSince}).
 */
public record HistoryView(
        String channelId,
        List<Item> items,
        int page,
        int size,
        long total,
        Uptime uptime24h,
        Uptime uptime7d,
        Instant statusSince) {

    public record Item(
            long version,
            ChannelStatus previousStatus,
            ChannelStatus status,
            StatusCause cause,
            String detail,
            Instant occurredAt) {

        static Item of(StatusHistoryEntry entry) {
            return new Item(
                    entry.version, entry.previousStatus, entry.status, entry.cause, entry.detail, entry.occurredAt);
        }
    }

    public static HistoryView of(
            String channelId,
            List<StatusHistoryEntry> page,
            int pageIndex,
            int size,
            long total,
            Uptime uptime24h,
            Uptime uptime7d,
            Instant statusSince) {
        return new HistoryView(
                channelId,
                page.stream().map(Item::of).toList(),
                pageIndex,
                size,
                total,
                uptime24h,
                uptime7d,
                statusSince);
    }
}
