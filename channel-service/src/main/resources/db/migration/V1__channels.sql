CREATE TABLE channel (
    id                  VARCHAR(36)  PRIMARY KEY,
    account_id          VARCHAR(100) NOT NULL,
    phone               VARCHAR(20)  NOT NULL,
    name                VARCHAR(200) NOT NULL,
    enabled             BOOLEAN      NOT NULL,
    deleted             BOOLEAN      NOT NULL,
    paid                BOOLEAN      NOT NULL,
    connection_status   VARCHAR(40)  NOT NULL,
    provider_channel_id VARCHAR(100),
    webhook_secret      VARCHAR(100) NOT NULL,
    health_started_at   BIGINT,
    health_uptime       BIGINT,
    version             BIGINT       NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    -- rule 1: a number is in at most one channel, platform-wide
    CONSTRAINT channel_phone_unique UNIQUE (phone)
);
CREATE INDEX channel_account ON channel (account_id);

CREATE TABLE channel_status_history (
    id              BIGSERIAL    PRIMARY KEY,
    channel_id      VARCHAR(36)  NOT NULL REFERENCES channel (id),
    version         BIGINT       NOT NULL,
    previous_status VARCHAR(40),
    status          VARCHAR(40)  NOT NULL,
    cause           VARCHAR(40)  NOT NULL,
    detail          VARCHAR(500),
    occurred_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT channel_status_history_version UNIQUE (channel_id, version)
);
