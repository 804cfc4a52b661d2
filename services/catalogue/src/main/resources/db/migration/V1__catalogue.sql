-- The training catalogue: organisations, certifications (the RNCP register, loaded at start by ReferenceData),
-- offers in the LHEO shape (formation → action → session). Search-ready from the start (ADR 15): full text with a
-- French configuration that ignores accents, trigrams on titles, and places as points on the earth.

-- unaccent, pg_trgm, cube and btree_gist are trusted extensions: the database's owner creates them. earthdistance
-- is not: deploy/local/postgres.sh creates it (and cube) as superuser first, and IF NOT EXISTS makes this a no-op.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

-- French stemming after removing accents, so that "electricite" finds "électricité".
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- Regions by their INSEE code (COG since 2016, overseas regions included).
CREATE TABLE region (
    code char(2) PRIMARY KEY,
    name text NOT NULL
);
INSERT INTO region (code, name) VALUES
    ('01', 'Guadeloupe'), ('02', 'Martinique'), ('03', 'Guyane'), ('04', 'La Réunion'), ('06', 'Mayotte'),
    ('11', 'Île-de-France'), ('24', 'Centre-Val de Loire'), ('27', 'Bourgogne-Franche-Comté'),
    ('28', 'Normandie'), ('32', 'Hauts-de-France'), ('44', 'Grand Est'), ('52', 'Pays de la Loire'),
    ('53', 'Bretagne'), ('75', 'Nouvelle-Aquitaine'), ('76', 'Occitanie'), ('84', 'Auvergne-Rhône-Alpes'),
    ('93', 'Provence-Alpes-Côte d''Azur'), ('94', 'Corse');

-- Which version of each reference file set is loaded, so that a start reloads only what changed.
CREATE TABLE reference_data_load (
    name      text PRIMARY KEY,
    checksum  text NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);

-- ROME v3.47 job sheets with their domain (grand domaine) and professional field (domaine professionnel).
CREATE TABLE rome_job (
    code         text PRIMARY KEY CHECK (code ~ '^[A-N][0-9]{4}$'),
    title        text NOT NULL,
    domain_code  text NOT NULL,
    domain_title text NOT NULL,
    field_code   text NOT NULL,
    field_title  text NOT NULL
);

CREATE TABLE certification (
    code              text PRIMARY KEY CHECK (code ~ '^(RNCP|RS)[0-9]{1,6}$'),
    -- RNCP: répertoire national des certifications professionnelles; RS: répertoire spécifique.
    registry          text NOT NULL CHECK (registry IN ('RNCP', 'RS')),
    title             text NOT NULL,
    -- European qualification level 1..8 (RNCP "niveau3".."niveau8"); RS certifications have none.
    level             smallint CHECK (level BETWEEN 1 AND 8),
    kind_code         text,
    kind_title        text,
    active            boolean NOT NULL,
    registration_ends date,
    registration_type text,
    previous_codes    text[] NOT NULL DEFAULT '{}',
    next_codes        text[] NOT NULL DEFAULT '{}',
    -- Trainings the CPF funds outside the lists (L6323-6): VAE support, socle de compétences, bilan de compétences,
    -- driving licence B, business creation, and the volunteers' trainings only the CEC funds.
    special_kind      text CHECK (special_kind IN ('VAE_SUPPORT', 'SOCLE_DE_COMPETENCES', 'BILAN_DE_COMPETENCES',
                                                   'DRIVING_LICENCE_B', 'BUSINESS_CREATION', 'CEC_VOLUNTEER')),
    -- REGISTER: from France Compétences' open data; GENERATED: made up for volume (the RS is not in our data).
    origin            text NOT NULL CHECK (origin IN ('REGISTER', 'GENERATED')),
    title_search      tsvector GENERATED ALWAYS AS (to_tsvector('french_unaccent', title)) STORED
);
CREATE INDEX certification_title_search ON certification USING gin (title_search);
CREATE INDEX certification_title_trgm ON certification USING gin (title gin_trgm_ops);

-- Not a foreign key to rome_job: the register also names retired codes and bare domains ("H13").
CREATE TABLE certification_rome (
    certification_code text NOT NULL REFERENCES certification (code),
    rome_code          text NOT NULL,
    PRIMARY KEY (certification_code, rome_code)
);
CREATE INDEX certification_rome_by_rome ON certification_rome (rome_code);

-- Blocs de compétences: parts of a certification that can be trained and certified on their own.
CREATE TABLE certification_skill_block (
    code               text PRIMARY KEY,
    certification_code text NOT NULL REFERENCES certification (code),
    title              text NOT NULL
);
CREATE INDEX certification_skill_block_by_certification ON certification_skill_block (certification_code);

CREATE TABLE certification_formacode (
    certification_code text NOT NULL REFERENCES certification (code),
    formacode          char(5) NOT NULL CHECK (formacode ~ '^[0-9]{5}$'),
    PRIMARY KEY (certification_code, formacode)
);
CREATE INDEX certification_formacode_by_formacode ON certification_formacode (formacode);

-- The eligibility lists a certification is on, dated: national, a branch's (by its collective agreement's IDCC),
-- a region's for employees or for job seekers ("Using the rights" in the domain rules).
CREATE TABLE certification_eligibility (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    certification_code text NOT NULL REFERENCES certification (code),
    list               text NOT NULL CHECK (list IN ('NATIONAL', 'BRANCH', 'REGIONAL')),
    idcc               char(4) CHECK (idcc ~ '^[0-9]{4}$'),
    region_code        char(2) REFERENCES region (code),
    audience           text NOT NULL CHECK (audience IN ('ALL', 'EMPLOYEES', 'JOB_SEEKERS')),
    valid_from         date NOT NULL,
    valid_until        date,
    CHECK ((list = 'BRANCH') = (idcc IS NOT NULL)),
    CHECK ((list = 'REGIONAL') = (region_code IS NOT NULL)),
    CHECK (valid_until IS NULL OR valid_until >= valid_from),
    -- One entry per list and audience at any date.
    EXCLUDE USING gist (certification_code WITH =, list WITH =, coalesce(idcc, '') WITH =,
        coalesce(region_code, '') WITH =, audience WITH =,
        daterange(valid_from, valid_until, '[]') WITH &&)
);

-- Organismes de formation, known by their SIRET.
CREATE TABLE organisation (
    siret            char(14) PRIMARY KEY CHECK (siret ~ '^[0-9]{14}$'),
    name             text NOT NULL,
    street           text NOT NULL,
    postcode         char(5) NOT NULL,
    city             text NOT NULL,
    -- Qualiopi, the quality certification the CPF requires of organisations, and the date it was granted.
    qualiopi_granted date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- LHEO "formation": what is taught and to which certification it leads.
CREATE TABLE offer (
    id                 uuid PRIMARY KEY,
    organisation_siret char(14) NOT NULL REFERENCES organisation (siret),
    certification_code text NOT NULL REFERENCES certification (code),
    status             text NOT NULL CHECK (status IN ('PUBLISHED', 'WITHDRAWN')),
    title              text NOT NULL,
    objectives         text NOT NULL,
    content            text NOT NULL,
    contact_name       text,
    contact_email      text NOT NULL,
    contact_phone      text,
    -- Incremented by each change, so that consumers of OfferPublished keep the newest.
    revision           int NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    withdrawn_at       timestamptz,
    search             tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('french_unaccent', title), 'A')
        || setweight(to_tsvector('french_unaccent', objectives), 'B')
        || setweight(to_tsvector('french_unaccent', content), 'C')) STORED
);
CREATE INDEX offer_by_organisation ON offer (organisation_siret);
CREATE INDEX offer_by_certification ON offer (certification_code);
CREATE INDEX offer_search ON offer USING gin (search);
CREATE INDEX offer_title_trgm ON offer USING gin (title gin_trgm_ops);

-- LHEO "action": how and where the training is given, for how long and at what price.
CREATE TABLE offer_action (
    id             uuid PRIMARY KEY,
    offer_id       uuid NOT NULL REFERENCES offer (id) ON DELETE CASCADE,
    position       int NOT NULL,
    duration_hours int NOT NULL CHECK (duration_hours > 0),
    price_cents    bigint NOT NULL CHECK (price_cents >= 0),
    modality       text NOT NULL CHECK (modality IN ('IN_PERSON', 'REMOTE', 'BLENDED')),
    place_name     text,
    street         text,
    postcode       char(5),
    city           text,
    region_code    char(2) REFERENCES region (code),
    latitude       double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude      double precision CHECK (longitude BETWEEN -180 AND 180),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    -- Only a wholly remote action has no place.
    CHECK (modality = 'REMOTE' OR (city IS NOT NULL AND region_code IS NOT NULL AND latitude IS NOT NULL))
);
CREATE INDEX offer_action_by_offer ON offer_action (offer_id);
CREATE INDEX offer_action_by_region ON offer_action (region_code);
CREATE INDEX offer_action_place ON offer_action USING gist (ll_to_earth(latitude, longitude))
    WHERE latitude IS NOT NULL;

-- LHEO "session": one run of an action, with its dates and seats.
CREATE TABLE offer_session (
    id              uuid PRIMARY KEY,
    action_id       uuid NOT NULL REFERENCES offer_action (id) ON DELETE CASCADE,
    starts_on       date NOT NULL,
    ends_on         date NOT NULL CHECK (ends_on >= starts_on),
    seats           int NOT NULL CHECK (seats > 0),
    -- Can be followed during working time (then the employer must approve: "Using the rights" in the rules).
    in_working_time boolean NOT NULL
);
CREATE INDEX offer_session_by_action ON offer_session (action_id);
CREATE INDEX offer_session_by_start ON offer_session (starts_on);
