-- Every notification to be delivered to one curator's receiver: a row until it is delivered or dead-lettered, so a
-- restart neither loses nor forgets one. Its id is the webhook-id (stable across attempts).
CREATE TABLE delivery (
    id               UUID          PRIMARY KEY,
    account_id       VARCHAR(100)  NOT NULL,
    curator_id       UUID          NOT NULL,
    kind             VARCHAR(40)   NOT NULL,
    payload          TEXT          NOT NULL,
    state            VARCHAR(20)   NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    lease_until      TIMESTAMPTZ,
    last_status      INT,
    last_error       VARCHAR(500),
    created_at       TIMESTAMPTZ   NOT NULL,
    finished_at      TIMESTAMPTZ
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX delivery_account ON delivery (account_id, state, created_at);

-- A receiver that answers 410 Gone has asked to be sent nothing more.
ALTER TABLE curator ADD COLUMN webhook_disabled_at TIMESTAMPTZ;
ALTER TABLE curator ADD COLUMN webhook_disabled_reason VARCHAR(200);
