-- The webhook secret and the registration PIN are kept sealed (AES-GCM, platform SecretBox): room for the sealed form.
-- Values stored before are resealed at start.
ALTER TABLE channel ALTER COLUMN webhook_secret TYPE VARCHAR(255);
ALTER TABLE channel ALTER COLUMN registration_pin TYPE VARCHAR(255);
