-- Table of the platform mail library: the transactional mail outbox. Mails.send writes a row in the transaction of
-- the change that causes the mail; MailSender sends it. A repeatable migration, run in every service's database after
-- its versioned ones: it must stay idempotent (IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS platform_mail_outbox (
    id              bigserial    PRIMARY KEY,
    recipient       varchar(254) NOT NULL,
    template        varchar(40)  NOT NULL,              -- the name of one of the service's MailTemplates
    parameters      jsonb        NOT NULL,              -- filled into the template when the mail is sent
    created_at      timestamptz  NOT NULL DEFAULT now(),
    attempts        int          NOT NULL DEFAULT 0,    -- failed ones
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),
    sent_at         timestamptz
);

-- Columns beyond those of identity's former mail_outbox (renamed to this table by its V3) are added here, so that a
-- table adopted from it gets them too.
-- Not sent within cpa.mail.give-up-after of its creation: no more attempts.
ALTER TABLE platform_mail_outbox ADD COLUMN IF NOT EXISTS given_up_at timestamptz;

-- What the sender reads.
CREATE INDEX IF NOT EXISTS platform_mail_outbox_due
    ON platform_mail_outbox (next_attempt_at, id) WHERE sent_at IS NULL AND given_up_at IS NULL;
