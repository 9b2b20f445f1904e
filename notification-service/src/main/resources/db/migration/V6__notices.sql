-- A delivery goes to a curator's webhook or to its email address.
ALTER TABLE delivery ADD COLUMN medium VARCHAR(10) NOT NULL DEFAULT 'WEBHOOK' CHECK (medium IN ('WEBHOOK', 'EMAIL'));

-- What the curators of each channel have been told, and a change that waits out the debounce window before it is
-- told. One row per channel, locked by the consumer and by the debounce timer alike (the only lock either takes).
CREATE TABLE channel_watch (
    channel_id       VARCHAR(100)  PRIMARY KEY,
    account_id       VARCHAR(100)  NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    phone            VARCHAR(20)   NOT NULL,
    last_version     BIGINT        NOT NULL,
    -- the status that counts: STARTING (a reconnect) and NOT_PAID (told per account) leave it as it was
    condition        VARCHAR(30)   NOT NULL,
    condition_since  TIMESTAMPTZ   NOT NULL,
    -- the condition last told (ACTIVE: nothing wrong has been told)
    announced        VARCHAR(30)   NOT NULL,
    announced_since  TIMESTAMPTZ   NOT NULL,
    -- when the condition will have held for the debounce window; null when nothing waits to be told
    due_at           TIMESTAMPTZ,
    -- alerts told since the channel was last told Active (comma-separated): each is told once
    alerts           VARCHAR(200)  NOT NULL DEFAULT '',
    unstable         BOOLEAN       NOT NULL DEFAULT false
);
CREATE INDEX channel_watch_due ON channel_watch (due_at) WHERE due_at IS NOT NULL;

-- The last billing state of each account (its notifications are told on a change) and its time zone, in which
-- notifications and system messages show times.
CREATE TABLE account_watch (
    account_id    VARCHAR(100)  PRIMARY KEY,
    last_version  BIGINT        NOT NULL,
    state         VARCHAR(20)   NOT NULL,
    time_zone     VARCHAR(60)   NOT NULL
);
