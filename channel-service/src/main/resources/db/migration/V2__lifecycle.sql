-- A deleted channel keeps its row and history, and frees its number for a new channel.
ALTER TABLE channel DROP CONSTRAINT channel_phone_unique;
CREATE UNIQUE INDEX channel_phone_live ON channel (phone) WHERE NOT deleted;

-- The WhatsApp account connected to the channel (users.post), and the current QR code (channels.patch).
ALTER TABLE channel ADD COLUMN whatsapp_user_id VARCHAR(64);
ALTER TABLE channel ADD COLUMN whatsapp_user_name VARCHAR(200);
ALTER TABLE channel ADD COLUMN qr_image TEXT;
ALTER TABLE channel ADD COLUMN qr_expires_at TIMESTAMPTZ;
ALTER TABLE channel ADD COLUMN phone_online_at TIMESTAMPTZ;

-- Billing state of each account as billing.account.v1 last said: a new channel of an unpaid account starts NOT_PAID.
CREATE TABLE account_billing (
    account_id VARCHAR(100) PRIMARY KEY,
    paid       BOOLEAN      NOT NULL,
    state      VARCHAR(20)  NOT NULL,
    version    BIGINT       NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX channel_status_history_channel ON channel_status_history (channel_id, version);
