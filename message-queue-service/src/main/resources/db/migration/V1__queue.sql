-- What this service knows of each channel, from channel.status.v1.
CREATE TABLE channel_view (
    channel_id          VARCHAR(36)  PRIMARY KEY,
    account_id          VARCHAR(100) NOT NULL,
    status              VARCHAR(40)  NOT NULL,
    send_policy         VARCHAR(20)  NOT NULL,
    required_action     VARCHAR(40)  NOT NULL,
    provider_channel_id VARCHAR(100),
    version             BIGINT       NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL
);

CREATE TABLE outbound_message (
    id                  VARCHAR(36)   PRIMARY KEY,
    -- acceptance order: messages of a channel go out in this order
    seq                 BIGSERIAL     NOT NULL UNIQUE,
    account_id          VARCHAR(100)  NOT NULL,
    channel_id          VARCHAR(36)   NOT NULL,
    chat_id             VARCHAR(40)   NOT NULL,
    text                TEXT          NOT NULL,
    state               VARCHAR(20)   NOT NULL,
    reason              VARCHAR(500),
    provider_message_id VARCHAR(100),
    error_code          VARCHAR(40),
    attempts            INT           NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL
);
CREATE INDEX outbound_message_pending ON outbound_message (channel_id, seq)
    WHERE state IN ('QUEUED', 'FROZEN', 'DISPATCHING');
CREATE INDEX outbound_message_account ON outbound_message (account_id);
