-- The accounts billing owns: the tenant every service keys on.
CREATE TABLE account (
    account_id        VARCHAR(64)   PRIMARY KEY,
    name              VARCHAR(200)  NOT NULL,
    currency          CHAR(3)       NOT NULL,
    time_zone         VARCHAR(64)   NOT NULL,
    -- Price per enabled channel per day, in the currency's scale.
    tariff            NUMERIC(19,4) NOT NULL CHECK (tariff >= 0),
    low_balance_days  INT           NOT NULL CHECK (low_balance_days >= 0),
    -- Cached: always the balance_after of the account's last ledger entry (the ledger is the truth).
    balance           NUMERIC(19,4) NOT NULL,
    last_seq          BIGINT        NOT NULL,
    state             VARCHAR(20)   NOT NULL,
    runway_days       INT,
    -- Version of the last billing.account.v1 event.
    version           BIGINT        NOT NULL,
    -- The last day (in the account's time zone) whose charges are written, and the instant they cover up to: the next
    -- day is charged from there, so that a change of time zone neither charges hours twice nor skips them.
    charged_through   DATE          NOT NULL,
    charged_until     TIMESTAMPTZ   NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL
);
CREATE INDEX account_charged_through ON account (charged_through);

-- The append-only ledger. amount is signed: what the entry did to the balance.
CREATE TABLE ledger_entry (
    account_id       VARCHAR(64)   NOT NULL REFERENCES account (account_id),
    seq              BIGINT        NOT NULL,
    entry_id         UUID          NOT NULL UNIQUE,
    kind             VARCHAR(20)   NOT NULL CHECK (kind IN ('CHARGE', 'PAYMENT', 'REFUND', 'ADJUSTMENT')),
    amount           NUMERIC(19,4) NOT NULL,
    currency         CHAR(3)       NOT NULL,
    balance_after    NUMERIC(19,4) NOT NULL,
    idempotency_key  VARCHAR(200)  NOT NULL,
    -- What the request said, so that a repeat of the key with another body is told apart.
    fingerprint      VARCHAR(600)  NOT NULL,
    reason           VARCHAR(500),
    channel_id       VARCHAR(36),
    charge_day       DATE,
    billed_seconds   INT,
    day_seconds      INT,
    created_by       VARCHAR(100),
    created_at       TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (account_id, seq),
    UNIQUE (account_id, idempotency_key),
    CHECK ((kind = 'CHARGE') = (channel_id IS NOT NULL AND charge_day IS NOT NULL))
);
-- A channel is charged at most once per day: a key, not a hope.
CREATE UNIQUE INDEX ledger_entry_charge_once ON ledger_entry (channel_id, charge_day) WHERE kind = 'CHARGE';
CREATE INDEX ledger_entry_kind ON ledger_entry (account_id, kind, seq);

-- The ledger is append-only, and each entry's balance_after is the previous one's plus its amount, in an unbroken
-- sequence: the database refuses anything else, so a cached balance equal to the last balance_after is the sum of the
-- ledger.
CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are never changed or removed (account %, seq %)', OLD.account_id, OLD.seq;
END $$;
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only();

CREATE FUNCTION ledger_entry_chained() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous NUMERIC(19,4);
BEGIN
    IF NEW.seq = 1 THEN
        previous := 0;
    ELSE
        SELECT balance_after INTO previous FROM ledger_entry WHERE account_id = NEW.account_id AND seq = NEW.seq - 1;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'ledger entry % of account % has no predecessor', NEW.seq, NEW.account_id;
        END IF;
    END IF;
    IF NEW.balance_after <> previous + NEW.amount THEN
        RAISE EXCEPTION 'ledger entry % of account %: balance_after % is not % + %', NEW.seq, NEW.account_id,
            NEW.balance_after, previous, NEW.amount;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ledger_entry_chained BEFORE INSERT ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_chained();

-- Whether a channel is charged now: enabled, not deleted, and its account not NOT_PAID (a channel that cannot work is
-- not charged). billable (enabled, not deleted) is what the runway counts.
ALTER TABLE billed_channel ADD COLUMN charged BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE billed_channel SET charged = status NOT IN ('DISABLED', 'DELETED', 'NOT_PAID');

-- The spans of time a channel was charged; a day's charge is its share of the day.
CREATE TABLE charged_period (
    channel_id  VARCHAR(36)  NOT NULL,
    account_id  VARCHAR(100) NOT NULL,
    started_at  TIMESTAMPTZ  NOT NULL,
    ended_at    TIMESTAMPTZ,
    PRIMARY KEY (channel_id, started_at),
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX charged_period_account ON charged_period (account_id, started_at);
INSERT INTO charged_period (channel_id, account_id, started_at)
    SELECT channel_id, account_id, updated_at FROM billed_channel WHERE charged;
