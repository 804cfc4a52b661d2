-- A person's three accounts (CPF, CEC, CPP), keyed by the person key: they exist, and accrue, before the person
-- registers; the holder id is attached when identity announces HolderRegistered.
CREATE TABLE account (
    id            uuid        PRIMARY KEY,
    person_key    varchar(64) NOT NULL,
    kind          varchar(3)  NOT NULL,                 -- CPF, CEC, CPP
    unit          varchar(10) NOT NULL,                 -- MINUTES, EURO_CENTS, POINTS: the unit of the balance now
    balance       bigint      NOT NULL DEFAULT 0,       -- sum of the journal's amounts
    pending       bigint      NOT NULL DEFAULT 0,       -- sum of the journal's pending amounts (open reservations)
    holder_id     uuid,
    closed_on     date,                                 -- date of death
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_kind CHECK (kind IN ('CPF', 'CEC', 'CPP')),
    CONSTRAINT account_unit CHECK (unit IN ('MINUTES', 'EURO_CENTS', 'POINTS')),
    -- No balance can go below zero, whatever the code does: the database refuses it.
    CONSTRAINT account_pending_not_negative CHECK (pending >= 0),
    CONSTRAINT account_available_not_negative CHECK (balance - pending >= 0),
    CONSTRAINT account_per_person UNIQUE (person_key, kind)
);
CREATE INDEX account_holder ON account (holder_id);

-- The journal: append-only. An entry changes the balance (amount) and/or the pending total (pending_amount);
-- a correction is a new entry. Its id is given by the caller, so a retried write is recognised, not repeated.
CREATE TABLE account_entry (
    id              uuid        PRIMARY KEY,
    account_id      uuid        NOT NULL REFERENCES account (id),
    kind            varchar(30) NOT NULL,
    amount          bigint      NOT NULL,               -- in unit, signed
    pending_amount  bigint      NOT NULL DEFAULT 0,     -- change of the pending total, signed
    unit            varchar(10) NOT NULL,
    effective_date  date        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    rule            varchar(60),                        -- the rule applied, e.g. cpf-private/2016
    rule_year       int,
    explanation     text        NOT NULL,               -- in French, for the holder
    inputs          jsonb       NOT NULL DEFAULT '{}',  -- parameters with their sources, and the inputs used
    reservation_id  uuid,
    linked_entry_id uuid,                               -- the other half of a conversion
    CONSTRAINT entry_kind CHECK (kind IN ('YEARLY_CREDIT', 'TOP_UP', 'DIF_ENTRY', 'CONVERSION_TO_EUROS',
        'CPP_CONVERSION', 'RESERVATION_PENDING', 'RESERVATION_POSTED', 'RESERVATION_VOIDED', 'TOP_UP_RETURN',
        'CORRECTION'))
);
CREATE INDEX account_entry_account ON account_entry (account_id, effective_date, recorded_at);

CREATE FUNCTION account_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'account_entry is append-only: write a correction entry instead';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER account_entry_no_update BEFORE UPDATE OR DELETE ON account_entry
    FOR EACH ROW EXECUTE FUNCTION account_entry_append_only();

-- Two-phase reservations (TigerBeetle's pending transfers): PENDING holds the amount out of the available balance,
-- then POSTED (the amount actually due, at most the amount held) or VOIDED. The id is the caller's (e.g. the
-- application's), so a redelivered request finds the reservation it already made.
CREATE TABLE funds_reservation (
    id             uuid        PRIMARY KEY,
    account_id     uuid        NOT NULL REFERENCES account (id),
    amount         bigint      NOT NULL CHECK (amount > 0),
    status         varchar(10) NOT NULL CHECK (status IN ('PENDING', 'POSTED', 'VOIDED')),
    posted_amount  bigint      CHECK (posted_amount >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    resolved_at    timestamptz,
    CONSTRAINT reservation_posted_within CHECK (posted_amount IS NULL OR posted_amount <= amount)
);
CREATE INDEX funds_reservation_account ON funds_reservation (account_id) WHERE status = 'PENDING';
