-- Channels on the official Cloud API: no WhatsApp Web session; a disconnected number is verified again with a code.
ALTER TABLE channel ADD COLUMN kind VARCHAR(20) NOT NULL DEFAULT 'WEB_SESSION';
ALTER TABLE channel ADD COLUMN cloud_phone_number_id VARCHAR(64);
-- The two-step verification PIN the platform registers the number with (Cloud API "register" needs it).
ALTER TABLE channel ADD COLUMN registration_pin VARCHAR(6);

-- One verification per Cloud API channel: the code last requested, wrong codes since, and a lock after too many.
CREATE TABLE channel_verification (
    channel_id    VARCHAR(36) PRIMARY KEY REFERENCES channel (id),
    method        VARCHAR(10),
    requested_at  TIMESTAMPTZ,
    code_requests INT NOT NULL DEFAULT 0,
    wrong_codes   INT NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ,
    verified_at   TIMESTAMPTZ
);
