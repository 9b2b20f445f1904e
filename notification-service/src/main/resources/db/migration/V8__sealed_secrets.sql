-- Curators' webhook secrets are kept sealed (AES-GCM, platform SecretBox): room for the sealed form. Values stored
-- before are resealed at start.
ALTER TABLE curator ALTER COLUMN webhook_secret TYPE VARCHAR(255);
ALTER TABLE curator ALTER COLUMN previous_webhook_secret TYPE VARCHAR(255);
