-- A row Kafka does not take is retried with back-off; the later rows of its key wait for it.
ALTER TABLE outbox_event ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE outbox_event ADD COLUMN next_attempt_at TIMESTAMPTZ;
ALTER TABLE outbox_event ADD COLUMN last_error VARCHAR(1000);
CREATE INDEX outbox_event_failing ON outbox_event (topic, record_key, id) WHERE attempts > 0;

-- Rows that failed max-attempts times of their own: kept for an operator, no longer holding up their key.
-- To publish one again: INSERT INTO outbox_event (event_id, topic, record_key, event_type, subject, payload, created_at)
--   SELECT event_id, topic, record_key, event_type, subject, payload, created_at FROM outbox_dead_letter WHERE id = ...;
CREATE TABLE outbox_dead_letter (
    id          BIGINT       PRIMARY KEY,
    event_id    VARCHAR(64)  NOT NULL,
    topic       VARCHAR(200) NOT NULL,
    record_key  VARCHAR(200) NOT NULL,
    event_type  VARCHAR(200) NOT NULL,
    subject     VARCHAR(200),
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    attempts    INT          NOT NULL,
    last_error  VARCHAR(1000),
    dead_at     TIMESTAMPTZ  NOT NULL
);
