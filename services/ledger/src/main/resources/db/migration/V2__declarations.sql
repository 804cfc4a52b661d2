-- Employers' declarations: one employee-year per (SIRET, year, person). A later declaration replaces the earlier one
-- (revision + 1); the next accrual run corrects the difference with a correction entry.
CREATE TABLE declaration (
    id                 uuid        PRIMARY KEY,
    siret              varchar(14) NOT NULL,
    year               int         NOT NULL,
    person_key         varchar(64) NOT NULL,
    minutes_worked     bigint      NOT NULL CHECK (minutes_worked >= 0),
    reference_minutes  bigint      CHECK (reference_minutes > 0),   -- the employer's full-time duration, if its own
    contract_type      varchar(20) NOT NULL,
    low_qualified      boolean     NOT NULL,
    cpp_exposures      jsonb       NOT NULL DEFAULT '[]',           -- [{"factor": "NIGHT_WORK", "quarter": 1}, ...]
    revision           int         NOT NULL DEFAULT 1,
    received_at        timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT declaration_once UNIQUE (siret, year, person_key)
);
CREATE INDEX declaration_year_person ON declaration (year, person_key);
