package io.switchboard.platform.outbox;

/** A row of {@code outbox_event} waiting to be published: its id, the event, and the failures it has counted. */
record PendingEvent(long id, Outbox.Row event, int attempts) {

    /** The columns the relay selects, in their order: id, event_id, topic, record_key, ... created_at, attempts. */
    static PendingEvent read(Object[] columns) {
        return new PendingEvent(
                ((Number) columns[0]).longValue(),
                new Outbox.Row(
                        (String) columns[1],
                        (String) columns[2],
                        (String) columns[3],
                        (String) columns[4],
                        (String) columns[5],
                        (String) columns[6],
                        OutboxRelay.instant(columns[7])),
                ((Number) columns[8]).intValue());
    }
}
