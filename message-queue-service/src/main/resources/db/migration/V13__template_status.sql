-- Meta's status of each message template a Cloud API channel's business account has (message_template_status_update,
-- fanned out to the account's channels by channel-service): a template Meta would refuse (PAUSED, DISABLED, ...) is
-- refused at acceptance (docs/product/cloud-api-standing.md). A template never heard of is sent as named.
CREATE TABLE template_status (
    channel_id VARCHAR(36)  NOT NULL,
    name       VARCHAR(512) NOT NULL,
    language   VARCHAR(20)  NOT NULL,
    status     VARCHAR(60)  NOT NULL,
    sendable   BOOLEAN      NOT NULL,
    reason     VARCHAR(500),
    updated_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (channel_id, name, language)
);
