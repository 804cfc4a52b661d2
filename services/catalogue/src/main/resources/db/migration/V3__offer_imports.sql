-- LHEO imports (ADR 16): an organisation sends its offers as one LHEO file; each formation is matched on a later
-- import by its LHEO numero, unique per organisation. Offers published through the JSON API have none.
ALTER TABLE offer ADD COLUMN lheo_numero text CHECK (length(lheo_numero) BETWEEN 1 AND 100);
ALTER TABLE offer ADD CONSTRAINT offer_lheo_numero_unique UNIQUE (organisation_siret, lheo_numero);

-- The FORMACODE and ROME codes of a formation (LHEO domaine-formation), kept for search to filter on.
CREATE TABLE offer_formacode (
    offer_id  uuid NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
    formacode char(5) NOT NULL CHECK (formacode ~ '^[0-9]{5}$'),
    PRIMARY KEY (offer_id, formacode)
);
CREATE INDEX offer_formacode_by_formacode ON offer_formacode (formacode);

-- Not a foreign key to rome_job: files name retired codes too.
CREATE TABLE offer_rome (
    offer_id  uuid NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
    rome_code text NOT NULL CHECK (rome_code ~ '^[A-N][0-9]{4}$'),
    PRIMARY KEY (offer_id, rome_code)
);
CREATE INDEX offer_rome_by_rome ON offer_rome (rome_code);

-- One import of a file and its report: counts, and each rejected formation with why (a JSON array of
-- {position, numero, line, errors: [{field, reason}]}). RUNNING while the file is read.
CREATE TABLE offer_import (
    id                 uuid PRIMARY KEY,
    organisation_siret char(14) NOT NULL REFERENCES organisation (siret),
    idempotency_key    text,
    file_sha256        bytea,
    status             text NOT NULL CHECK (status IN ('RUNNING', 'DONE')),
    read               int NOT NULL DEFAULT 0,
    created            int NOT NULL DEFAULT 0,
    updated            int NOT NULL DEFAULT 0,
    rejected           int NOT NULL DEFAULT 0,
    rejections         jsonb NOT NULL DEFAULT '[]',
    received_at        timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz,
    UNIQUE (organisation_siret, idempotency_key)
);
CREATE INDEX offer_import_by_organisation ON offer_import (organisation_siret, received_at);
