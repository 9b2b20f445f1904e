-- A rotated webhook secret keeps signing beside the new one until previous_secret_until, so that receivers can switch.
ALTER TABLE curator ADD COLUMN previous_webhook_secret VARCHAR(100);
ALTER TABLE curator ADD COLUMN previous_secret_until TIMESTAMPTZ;
