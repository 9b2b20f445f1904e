-- Each account's choice of in-chat system messages (seed 003); an account without a row has the defaults.
CREATE TABLE system_message_settings (
    account_id             VARCHAR(100)  PRIMARY KEY,
    chat_start             BOOLEAN       NOT NULL,
    missed_calls           BOOLEAN       NOT NULL,
    delivery               BOOLEAN       NOT NULL,
    not_delivered_minutes  INT           NOT NULL CHECK (not_delivered_minutes BETWEEN 1 AND 1440),
    not_read_hours         INT           NOT NULL CHECK (not_read_hours BETWEEN 1 AND 168),
    updated_at             TIMESTAMPTZ   NOT NULL
);

-- Every system message written, as the API shows it. dedupe_key names what it tells (e.g. the message and the rule):
-- a redelivered event or a timer fired twice finds it there and writes nothing.
CREATE TABLE system_message (
    id           UUID          PRIMARY KEY,
    account_id   VARCHAR(100)  NOT NULL,
    channel_id   VARCHAR(100)  NOT NULL,
    chat_id      VARCHAR(100)  NOT NULL,
    kind         VARCHAR(30)   NOT NULL,
    text         VARCHAR(500)  NOT NULL,
    occurred_at  TIMESTAMPTZ   NOT NULL,
    dedupe_key   VARCHAR(300)  NOT NULL UNIQUE
);
CREATE INDEX system_message_chat ON system_message (account_id, channel_id, chat_id, occurred_at);

-- The delivery story of each chat's last outbound message, and its durable timers (not delivered after ND, the 30
-- minutes after a late delivery, not read after NR). Locked by the consumer and the timer alike.
CREATE TABLE chat_watch (
    chat_key                VARCHAR(250)  PRIMARY KEY,
    account_id              VARCHAR(100)  NOT NULL,
    channel_id              VARCHAR(100)  NOT NULL,
    chat_id                 VARCHAR(100)  NOT NULL,
    last_message_id         VARCHAR(100),
    last_state              VARCHAR(20),
    last_sent_at            TIMESTAMPTZ,
    last_delivered_at       TIMESTAMPTZ,
    not_delivered_minutes   INT,
    not_read_hours          INT,
    not_delivered_due       TIMESTAMPTZ,
    read_window_due         TIMESTAMPTZ,
    not_read_due            TIMESTAMPTZ,
    due_at                  TIMESTAMPTZ,
    not_delivered_told      BOOLEAN       NOT NULL DEFAULT false,
    not_read_told           BOOLEAN       NOT NULL DEFAULT false,
    unknown_told_at         TIMESTAMPTZ
);
CREATE INDEX chat_watch_due ON chat_watch (due_at) WHERE due_at IS NOT NULL;
