-- Connected but not delivering: since when the delivery watchdog has held the channel's new messages (send policy
-- QUEUE while its status would send), until the first receipt or inbound message. Few channels at a time: the
-- provider events' consumer reads them through the partial index before it locks a batch's channels.
ALTER TABLE channel ADD COLUMN delivery_stalled_since TIMESTAMPTZ;
CREATE INDEX channel_delivery_stalled ON channel (id) WHERE delivery_stalled_since IS NOT NULL;

-- When the watchdog last asked the provider about a suspect channel: a suspicion is checked once per window.
ALTER TABLE channel_delivery ADD COLUMN checked_at TIMESTAMPTZ;
