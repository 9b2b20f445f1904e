-- The channels of each account and whether they count for the daily charge (enabled, not deleted).
CREATE TABLE billed_channel (
    channel_id  VARCHAR(36)  PRIMARY KEY,
    account_id  VARCHAR(100) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    status      VARCHAR(40)  NOT NULL,
    billable    BOOLEAN      NOT NULL,
    version     BIGINT       NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX billed_channel_account ON billed_channel (account_id);
