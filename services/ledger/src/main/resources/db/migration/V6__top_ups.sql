-- Top-ups (abondements): money a funder adds to a person's CPF, usually for one training application. What is not
-- spent goes back to its funder (never to the holder's free balance), so each top-up keeps what was used and returned.
CREATE TABLE top_up (
    id                uuid         PRIMARY KEY,          -- derived from the funder and its Idempotency-Key
    account_id        uuid         NOT NULL REFERENCES account (id),
    funder_client_id  varchar(100) NOT NULL,             -- the funder's client id in its token: who gets returns
    funder_type       varchar(30)  NOT NULL,             -- fr.cpa.ledger.domain.TopUps.FunderType
    funder_name       varchar(200) NOT NULL,
    amount            bigint       NOT NULL CHECK (amount > 0),   -- euro cents
    purpose           text         NOT NULL,
    application_id    uuid,                              -- the training application it funds, if any
    used              bigint       NOT NULL DEFAULT 0 CHECK (used >= 0),
    returned          bigint       NOT NULL DEFAULT 0 CHECK (returned >= 0),
    -- The part its application's reservation covers: the rest stays out of other reservations' reach (earmarked).
    held              bigint       NOT NULL DEFAULT 0 CHECK (held >= 0),
    created_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT top_up_settled_within CHECK (used + returned + held <= amount),
    CONSTRAINT top_up_held_only_for_application CHECK (application_id IS NOT NULL OR held = 0)
);
CREATE INDEX top_up_account ON top_up (account_id, created_at);
CREATE INDEX top_up_application ON top_up (application_id, created_at) WHERE application_id IS NOT NULL;

-- The part of topped_up waiting for its application's reservation: no other reservation may use it, so that it can
-- always go back to its funder. Equals the sum of (amount − used − returned − held) of the account's top-ups that
-- name an application.
ALTER TABLE account ADD COLUMN earmarked bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT account_earmarked_within CHECK (earmarked >= 0 AND earmarked <= topped_up);
