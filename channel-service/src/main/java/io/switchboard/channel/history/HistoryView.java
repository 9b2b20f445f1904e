package io.switchboard.channel.history;

import io.switchboard.contracts.channel.ChannelStatus;
import io.switchboard.contracts.channel.StatusCause;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/channels/{id}/history}: every change, oldest first. */
public record HistoryView(String channelId, List<Item> items) {

    public record Item(long version, ChannelStatus previousStatus, ChannelStatus status, StatusCause cause, String detail,
            Instant occurredAt) {

        static Item of(StatusHistoryEntry entry) {
            return new Item(entry.version, entry.previousStatus, entry.status, entry.cause, entry.detail, entry.occurredAt);
        }
    }

    public static HistoryView of(String channelId, List<StatusHistoryEntry> entries) {
        return new HistoryView(channelId, entries.stream().map(Item::of).toList());
    }
}
