-- The last reconnect cycles of the flap window live on the channel row (no row per cycle).
ALTER TABLE channel ADD COLUMN reconnects VARCHAR(1000);
DROP TABLE reconnect_cycle;

-- Timers: a failing one backs off; the answer of a provider call applies only to the setting that asked for it.
ALTER TABLE channel_timer ADD COLUMN failures INT NOT NULL DEFAULT 0;
ALTER TABLE channel_timer ADD COLUMN last_error VARCHAR(500);
ALTER TABLE channel_timer ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;

-- History rows are inserted in batches: ids are taken 50 at a time.
ALTER SEQUENCE channel_status_history_id_seq INCREMENT BY 50;

-- A verified code is registered at the Cloud API in steps that survive a crash.
ALTER TABLE channel_verification ADD COLUMN code_verified_at TIMESTAMPTZ;
ALTER TABLE channel_verification ADD COLUMN last_error VARCHAR(500);

-- Consumers are named without the service's prefix; the billing consumer compares versions and keeps no log.
UPDATE processed_event SET consumer = 'provider-events' WHERE consumer = 'channel-service.provider-events';
DELETE FROM processed_event WHERE consumer = 'channel-service.billing-account';
