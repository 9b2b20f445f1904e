-- Transactional outbox: events written with the state they describe, published by the relay, then deleted.
CREATE TABLE outbox_event (
    id          BIGSERIAL PRIMARY KEY,
    event_id    VARCHAR(64)  NOT NULL UNIQUE,
    topic       VARCHAR(200) NOT NULL,
    record_key  VARCHAR(200) NOT NULL,
    event_type  VARCHAR(200) NOT NULL,
    subject     VARCHAR(200),
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
