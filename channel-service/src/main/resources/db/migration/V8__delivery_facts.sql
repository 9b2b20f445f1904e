-- What the delivery watchdog watches, per channel: when the provider last posted anything, a receipt, an inbound
-- message. Written with the provider events' batch, without locking the channel row.
CREATE TABLE channel_delivery (
    channel_id      VARCHAR(36) PRIMARY KEY,
    last_webhook_at TIMESTAMPTZ,
    last_receipt_at TIMESTAMPTZ,
    last_inbound_at TIMESTAMPTZ
);

-- Each send the provider accepted (message.status.v1 SENT) until the provider acknowledges it with any receipt, the
-- server's "sent" included. A receipt can come before the queue's SENT event: the row is then made by the receipt
-- (acknowledged, sent_at still unknown), and the SENT event fills it in.
CREATE TABLE sent_message (
    channel_id          VARCHAR(36)  NOT NULL,
    provider_message_id VARCHAR(200) NOT NULL,
    chat_id             VARCHAR(40),
    sent_at             TIMESTAMPTZ,
    acknowledged_at     TIMESTAMPTZ,
    PRIMARY KEY (channel_id, provider_message_id)
);
CREATE INDEX sent_message_waiting ON sent_message (channel_id, sent_at) WHERE acknowledged_at IS NULL;
CREATE INDEX sent_message_age ON sent_message (COALESCE(sent_at, acknowledged_at));
