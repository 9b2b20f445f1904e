-- Retention deletes messages that have ended, oldest first; the index finds them without reading the pending ones.
CREATE INDEX outbound_message_ended ON outbound_message (updated_at)
    WHERE state NOT IN ('QUEUED', 'FROZEN', 'DISPATCHING');
