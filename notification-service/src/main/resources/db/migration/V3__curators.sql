-- The people of each account who are told about its channels and balance.
CREATE TABLE curator (
    id              UUID          PRIMARY KEY,
    account_id      VARCHAR(100)  NOT NULL,
    name            VARCHAR(200)  NOT NULL,
    email           VARCHAR(254),
    webhook_url     VARCHAR(2000),
    webhook_secret  VARCHAR(100),
    all_channels    BOOLEAN       NOT NULL,
    channel_ids     TEXT          NOT NULL,
    kinds           TEXT          NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    CHECK (email IS NOT NULL OR webhook_url IS NOT NULL),
    CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
);
CREATE INDEX curator_account ON curator (account_id, name);
-- No two curators of an account share an email or a webhook URL.
CREATE UNIQUE INDEX curator_email ON curator (account_id, lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX curator_webhook ON curator (account_id, webhook_url) WHERE webhook_url IS NOT NULL;
