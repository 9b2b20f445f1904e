-- The durable per-channel queue: dispatch lanes with leases and pacing, idempotent accept, time-to-live, a state
-- history per message, per-account settings, contact checks and receipts that arrive before their send is recorded.

-- A channel is also its dispatch lane: one lock serialises everything that touches its messages (and so the order of
-- their events in the outbox).
ALTER TABLE channel_view
    ADD COLUMN kind                VARCHAR(20) NOT NULL DEFAULT 'WEB_SESSION',
    -- the dispatcher (or, for a deleted channel, the sweeper) may have work here
    ADD COLUMN has_pending         BOOLEAN     NOT NULL DEFAULT false,
    -- release mode HOLD: a reconnected channel's backlog waits for a person to release or clear it
    ADD COLUMN held                BOOLEAN     NOT NULL DEFAULT false,
    -- messages up to this seq are a released backlog: sent with the random backlog gap
    ADD COLUMN backlog_through_seq BIGINT,
    ADD COLUMN release_started_at  TIMESTAMPTZ,
    -- pacing and back-off: no send of this channel starts before
    ADD COLUMN next_send_at        TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
    -- the replica whose run holds the lane, until when, and the run's token (fences a run that outlived its lease)
    ADD COLUMN lease_owner         VARCHAR(64),
    ADD COLUMN lease_token         VARCHAR(36),
    ADD COLUMN lease_until         TIMESTAMPTZ,
    -- consecutive 401 "need channel authorization" answers while the channel looked sending
    ADD COLUMN unauthorized_streak INT         NOT NULL DEFAULT 0;
UPDATE channel_view SET has_pending = true;
CREATE INDEX channel_view_dispatchable ON channel_view (next_send_at)
    WHERE has_pending AND send_policy = 'SEND' AND NOT held;

ALTER TABLE outbound_message
    ADD COLUMN idempotency_key VARCHAR(200),
    ADD COLUMN request_hash    VARCHAR(64),
    ADD COLUMN expires_at      TIMESTAMPTZ,
    ADD COLUMN held_by         VARCHAR(40),
    ADD COLUMN dispatch_token  VARCHAR(36),
    ADD COLUMN first_contact   VARCHAR(20),
    ADD COLUMN history         JSONB       NOT NULL DEFAULT '[]'::jsonb;
UPDATE outbound_message SET expires_at = created_at + interval '24 hours';
ALTER TABLE outbound_message ALTER COLUMN expires_at SET NOT NULL;
-- The sequence gives the order; uniqueness is its own. Fewer indexes, cheaper inserts.
ALTER TABLE outbound_message DROP CONSTRAINT outbound_message_seq_key;
DROP INDEX outbound_message_account;
CREATE INDEX outbound_message_channel ON outbound_message (channel_id, seq);
CREATE INDEX outbound_message_chat ON outbound_message (channel_id, chat_id, seq);
CREATE UNIQUE INDEX outbound_message_idempotency ON outbound_message (account_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX outbound_message_expiry ON outbound_message (expires_at) WHERE state IN ('QUEUED', 'FROZEN');
CREATE INDEX outbound_message_provider_id ON outbound_message (provider_message_id)
    WHERE provider_message_id IS NOT NULL;

-- Per-account settings; a null column means the service's default.
CREATE TABLE account_settings (
    account_id              VARCHAR(100) PRIMARY KEY,
    release_mode            VARCHAR(10),
    default_ttl_seconds     INT,
    min_gap_millis          INT,
    backlog_gap_min_millis  INT,
    backlog_gap_max_millis  INT,
    cloud_api_rate          INT,
    -- status -> QUEUE or REJECT, for the statuses whose default is one of those
    send_policy             JSONB        NOT NULL DEFAULT '{}'::jsonb,
    updated_at              TIMESTAMPTZ  NOT NULL
);

-- The provider's contact check of a chat the business began, per account and chat.
CREATE TABLE chat_contact (
    account_id   VARCHAR(100) NOT NULL,
    chat_id      VARCHAR(40)  NOT NULL,
    has_whatsapp BOOLEAN      NOT NULL,
    checked_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (account_id, chat_id)
);

-- A receipt that came before its message's send was recorded (the provider can be faster than our commit).
CREATE TABLE unmatched_receipt (
    provider_message_id VARCHAR(100) NOT NULL,
    status              VARCHAR(20)  NOT NULL,
    channel_id          VARCHAR(36)  NOT NULL,
    error_code          VARCHAR(40),
    error_text          VARCHAR(500),
    received_at         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (provider_message_id, status)
);
CREATE INDEX unmatched_receipt_age ON unmatched_receipt (received_at);

ALTER TABLE outbound_message SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05);
ALTER TABLE channel_view SET (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05);
