-- Profile: what other services need to compute rights (status, workplace, branch, diploma level) and contact details.
ALTER TABLE holder
    ADD COLUMN address_line1         varchar(100),
    ADD COLUMN address_line2         varchar(100),
    ADD COLUMN postcode              varchar(10),
    ADD COLUMN city                  varchar(100),
    ADD COLUMN country               varchar(2),                  -- ISO 3166-1 alpha-2
    ADD COLUMN residence_region      varchar(2),                  -- INSEE region code
    ADD COLUMN employment_status     varchar(30),
    ADD COLUMN workplace_siret       varchar(14),
    ADD COLUMN work_region           varchar(2),
    ADD COLUMN branch_idcc           varchar(4),                  -- identifiant de convention collective
    ADD COLUMN diploma_level         varchar(10),                 -- national nomenclature of 2019, NONE, LEVEL_1..LEVEL_8
    ADD COLUMN apprenticeship        boolean NOT NULL DEFAULT false,
    ADD COLUMN notify_by_email       boolean NOT NULL DEFAULT true,
    ADD COLUMN notify_by_sms         boolean NOT NULL DEFAULT false,
    ADD COLUMN franceconnect_linked_at timestamptz,
    ADD COLUMN closure_reason        varchar(20),                 -- HOLDER_REQUEST, DEATH
    ADD COLUMN date_of_death         date,
    ADD COLUMN version               bigint NOT NULL DEFAULT 0;   -- optimistic lock of profile edits

-- Candidates of a FranceConnect match are found by birth date first.
CREATE INDEX holder_birth_date ON holder (birth_date);

-- Single-use links sent by mail: e-mail validation, password reset, e-mail change. Only a hash of the token is kept,
-- so a copy of the database gives no usable link.
CREATE TABLE mail_token (
    token_hash   varchar(64) PRIMARY KEY,                   -- SHA-256, hex
    purpose      varchar(30) NOT NULL,                      -- EMAIL_VALIDATION, PASSWORD_RESET, EMAIL_CHANGE
    holder_id    uuid        NOT NULL REFERENCES holder (id),
    new_email    varchar(254),                              -- EMAIL_CHANGE only
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX mail_token_holder ON mail_token (holder_id, purpose);

-- Mails to send, written in the transaction of the change that causes them and sent by a job: a registration that
-- commits always gets its mail, one that rolls back never does.
CREATE TABLE mail_outbox (
    id           bigserial   PRIMARY KEY,
    recipient    varchar(254) NOT NULL,
    template     varchar(40) NOT NULL,
    parameters   jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    attempts     int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz
);
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- A holder's grant to an advisor agency (a Keycloak client with role advisor) to read some of their data.
CREATE TABLE consent (
    id           uuid        PRIMARY KEY,
    holder_id    uuid        NOT NULL REFERENCES holder (id),
    advisor      varchar(100) NOT NULL,                     -- the agency's client id
    scopes       varchar(100) NOT NULL,                     -- comma-separated: rights, project, applications, payslips
    granted_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX consent_holder_advisor ON consent (holder_id, advisor);

-- Every advisor access to a holder's data, granted or refused, for the holder to read.
CREATE TABLE access_log (
    id           bigserial   PRIMARY KEY,
    holder_id    uuid        NOT NULL REFERENCES holder (id),
    advisor      varchar(100) NOT NULL,
    scope        varchar(20) NOT NULL,
    resource     varchar(200) NOT NULL,
    granted      boolean     NOT NULL,
    consent_id   uuid,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_log_holder ON access_log (holder_id, at DESC);

-- Deaths recorded by operators, by person key: the person may never have registered, and may not register later.
CREATE TABLE person_death (
    person_key    varchar(64) PRIMARY KEY,
    date_of_death date        NOT NULL,
    recorded_by   varchar(100) NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
