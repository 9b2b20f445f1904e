-- When a client last wrote to a channel: the Cloud API's 24-hour customer service window of the chat opens then
-- (docs/product/cloud-api-standing.md). Outside it only a template may be sent.
CREATE TABLE client_window (
    channel_id      VARCHAR(36)  NOT NULL,
    chat_id         VARCHAR(32)  NOT NULL,
    last_inbound_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (channel_id, chat_id)
);
-- Retention: windows long closed are deleted.
CREATE INDEX client_window_last_inbound ON client_window (last_inbound_at);
