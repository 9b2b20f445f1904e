-- Retention deletes old rows oldest first; these indexes find them without reading the rest.
CREATE INDEX delivery_finished ON delivery (finished_at) WHERE state IN ('DELIVERED', 'DEAD');
CREATE INDEX system_message_age ON system_message (occurred_at);
CREATE INDEX observed_channel_status_age ON observed_channel_status (received_at);
