-- Durable timers of the watchdog: one per channel and kind, fired by any replica (FOR UPDATE SKIP LOCKED).
CREATE TABLE channel_timer (
    channel_id VARCHAR(36) NOT NULL REFERENCES channel (id),
    kind       VARCHAR(30) NOT NULL,
    due_at     TIMESTAMPTZ NOT NULL,
    attempt    INT         NOT NULL DEFAULT 1,
    PRIMARY KEY (channel_id, kind)
);
CREATE INDEX channel_timer_due ON channel_timer (due_at);

-- Reconnect cycles (ACTIVE back to STARTING), to tell a flapping channel from an occasional reconnect.
CREATE TABLE reconnect_cycle (
    channel_id  VARCHAR(36) NOT NULL REFERENCES channel (id),
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX reconnect_cycle_channel ON reconnect_cycle (channel_id, occurred_at);

ALTER TABLE channel ADD COLUMN unstable BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE channel ADD COLUMN stuck BOOLEAN NOT NULL DEFAULT FALSE;
