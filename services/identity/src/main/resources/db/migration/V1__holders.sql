-- Holders: people who activated their online space. The NIR is stored only encrypted; the person key (HMAC of the
-- NIR) is what every other service knows. Who logs in is Keycloak's business: its user id is the holder id.
CREATE TABLE holder (
    id              uuid        PRIMARY KEY,                -- Keycloak's `sub`
    person_key      varchar(64) NOT NULL UNIQUE,
    nir_encrypted   text        NOT NULL,                   -- AES-256-GCM: key version, IV and ciphertext
    nir_temporary   boolean     NOT NULL,                   -- a NIA, to be replaced by the definitive NIR
    given_names     varchar(200) NOT NULL,
    birth_name      varchar(200) NOT NULL,
    usage_name      varchar(200),
    birth_date      date        NOT NULL,
    email           varchar(254) NOT NULL UNIQUE,
    mobile_phone    varchar(16),                            -- E.164
    landline_phone  varchar(16),                            -- E.164
    terms_version   varchar(20) NOT NULL,
    status          varchar(20) NOT NULL,                   -- PENDING_EMAIL, ACTIVE, CLOSED
    created_at      timestamptz NOT NULL DEFAULT now(),
    activated_at    timestamptz,
    closed_at       timestamptz,
    CONSTRAINT holder_status CHECK (status IN ('PENDING_EMAIL', 'ACTIVE', 'CLOSED'))
);
