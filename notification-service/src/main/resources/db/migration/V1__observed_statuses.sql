-- Every channel status change this service has seen, in arrival order.
CREATE TABLE observed_channel_status (
    event_id        VARCHAR(64)  PRIMARY KEY,
    channel_id      VARCHAR(36)  NOT NULL,
    account_id      VARCHAR(100) NOT NULL,
    previous_status VARCHAR(40),
    status          VARCHAR(40)  NOT NULL,
    required_action VARCHAR(40)  NOT NULL,
    version         BIGINT       NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX observed_channel_status_channel ON observed_channel_status (account_id, channel_id, version);
