-- Civic-engagement activities (CEC), declared per person, year and kind of activity by the body that certifies them
-- (a funder allowed one kind of activity, or an operator). A later declaration by the same body replaces the earlier
-- one (revision + 1), like employers' declarations; the accrual corrects the difference.
CREATE TABLE cec_declaration (
    id              uuid        PRIMARY KEY,
    declarer        varchar(100) NOT NULL,                 -- the certifying body: its client id in the token
    year            int         NOT NULL,
    person_key      varchar(64) NOT NULL,
    activity        varchar(40) NOT NULL,                  -- fr.cpa.ledger.domain.rules.CecActivity
    measure         bigint      NOT NULL CHECK (measure >= 0),          -- in the activity's measure (months, days...)
    second_measure  bigint      NOT NULL DEFAULT 0 CHECK (second_measure >= 0),
    revision        int         NOT NULL DEFAULT 1,
    received_at     timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cec_declaration_once UNIQUE (declarer, year, person_key, activity)
);
CREATE INDEX cec_declaration_year_person ON cec_declaration (year, person_key);

-- The part of the balance that came from top-ups (abondements) and is neither spent nor returned yet: top-ups never
-- count toward a ceiling, so the rules see the earned balance, balance − topped_up (floored at zero).
ALTER TABLE account ADD COLUMN topped_up bigint NOT NULL DEFAULT 0 CONSTRAINT account_topped_up_not_negative CHECK (topped_up >= 0);
