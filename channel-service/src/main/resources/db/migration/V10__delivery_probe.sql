-- The number of its own an account names for delivery probes: when a channel's sends get no receipts, the watchdog
-- sends a short probe to it; the probe's receipt clears the doubt, and while a channel is stalled its probes find
-- out when it delivers again.
CREATE TABLE delivery_probe_number (
    account_id VARCHAR(100) PRIMARY KEY,
    phone      VARCHAR(32)  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);

-- The silence signal: how many inbound messages a channel had, and the longest silence between two of them, so that a
-- channel whose webhooks all stopped is judged against its own habits (a channel quiet at night is quiet every night).
ALTER TABLE channel_delivery ADD COLUMN inbound_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE channel_delivery ADD COLUMN longest_inbound_gap_seconds DOUBLE PRECISION NOT NULL DEFAULT 0;

-- Sends before this are not judged again: set when a stall ends, so the sends it left unacknowledged do not make a
-- channel that a client's message or a person's restart brought back stalled again.
ALTER TABLE channel_delivery ADD COLUMN watch_from TIMESTAMPTZ;
