-- Batches of employers' declarations sent as one CSV file (ADR 11). The upload is read once, in one transaction:
-- each line checked like a single declaration, its NIR replaced by the person key, and set aside in chunks until
-- the worker records them; a refused line is noted with its reasons. Each chunk is recorded, its duplicates noted,
-- the counters moved and the chunk deleted in one transaction, so an interrupted batch resumes with its next chunk.
CREATE TABLE declaration_batch (
    id               uuid         PRIMARY KEY,
    siret            varchar(14)  NOT NULL,
    idempotency_key  varchar(128),                          -- the employer's Idempotency-Key, if it sent one
    file_sha256      bytea,                                 -- set once the file is read whole: a retry must match
    status           varchar(12)  NOT NULL,                 -- RECEIVED, PROCESSING, DONE
    lines            int          NOT NULL DEFAULT 0,       -- declaration lines (not the header, not blank lines)
    accepted         int          NOT NULL DEFAULT 0,
    rejected         int          NOT NULL DEFAULT 0,
    received_at      timestamptz  NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    CONSTRAINT declaration_batch_key UNIQUE (siret, idempotency_key)
);
CREATE INDEX declaration_batch_unfinished ON declaration_batch (received_at) WHERE status <> 'DONE';

-- Checked lines waiting to be recorded, by chunk of 1,000: the person key, never the NIR (one line per declaration,
-- tab-separated). Deleted once recorded.
CREATE TABLE declaration_batch_chunk (
    batch_id    uuid  NOT NULL REFERENCES declaration_batch ON DELETE CASCADE,
    first_line  int   NOT NULL,
    lines       text  NOT NULL,
    PRIMARY KEY (batch_id, first_line)
);

-- Refused lines: the line number in the file (the header is line 1) and, per field, why; never the value.
CREATE TABLE declaration_batch_rejection (
    batch_id  uuid   NOT NULL REFERENCES declaration_batch ON DELETE CASCADE,
    line      int    NOT NULL,
    errors    jsonb  NOT NULL,                              -- [{"field": "year", "reason": "must be ..."}]
    PRIMARY KEY (batch_id, line)
);

-- The batch and line that last wrote a declaration: a second line of the same batch for the same employee-year is
-- refused as a duplicate instead of silently replacing the first. Null when written by a single declaration.
ALTER TABLE declaration ADD COLUMN batch_id uuid, ADD COLUMN batch_line int;
