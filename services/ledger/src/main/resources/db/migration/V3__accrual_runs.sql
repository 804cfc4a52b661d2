-- The birth date the opening-age rule needs: exact once identity announces the holder, else the first day of the
-- NIR's month of birth (set by the first declaration).
ALTER TABLE account ADD COLUMN birth_date date;

-- Yearly accrual runs: one per year of activity. The cursor is the last person key done, committed with that
-- person's entries, so a run killed in the middle resumes after it.
CREATE TABLE accrual_run (
    year             int         PRIMARY KEY,
    status           varchar(10) NOT NULL CHECK (status IN ('RUNNING', 'DONE')),
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    persons          int         NOT NULL DEFAULT 0,
    entries          int         NOT NULL DEFAULT 0,
    last_person_key  varchar(64)
);
