-- The search reads one table: a row per published action, with what its offer, certification, organisation and
-- sessions say about it, copied in the same transaction as each change (ADR 17). Filters and facets then need no
-- join, and every filter has its index. What a row holds, and the functions that write rows, are in
-- R__catalogue_search.sql.

CREATE TABLE searchable_action (
    action_id              uuid PRIMARY KEY,
    offer_id               uuid NOT NULL,
    organisation_siret     char(14) NOT NULL,
    certification_code     text NOT NULL,
    title                  text NOT NULL,
    -- Offer title (A) and certification title (B), objectives (C), content (D).
    search                 tsvector NOT NULL,
    modality               text NOT NULL,
    region_code            char(2),
    latitude               double precision,
    longitude              double precision,
    price_cents            bigint NOT NULL,
    duration_hours         int NOT NULL,
    level                  smallint,
    -- RNCP, RS, or the certification's special kind: the "certification kind" facet.
    kind                   text NOT NULL,
    special_kind           text,
    -- The certification is in force in its register ("Actif" in France Compétences' extract, as of that extract:
    -- its registration end dates are those of the extract's day, not renewed since).
    registered             boolean NOT NULL,
    qualiopi_granted       date,
    rome_codes             text[] NOT NULL,
    formacodes             text[] NOT NULL,
    -- Each session as the day it starts: "a session starts between two dates" is an overlap.
    session_starts         datemultirange NOT NULL,
    -- "A session starts from today on" is "the last one does": a date comparison; the days above are read only
    -- for a search that ends at a date.
    first_start            date,
    last_start             date,
    -- The place as a point on the earth: the exact distance is then one C function a row (earthdistance's SQL
    -- functions cost 4.5 µs a row, measured at 500,000 offers).
    place                  cube
);
CREATE INDEX searchable_action_search ON searchable_action USING gin (search);
CREATE INDEX searchable_action_offer ON searchable_action (offer_id);
CREATE INDEX searchable_action_organisation ON searchable_action (organisation_siret);
CREATE INDEX searchable_action_certification ON searchable_action (certification_code);
CREATE INDEX searchable_action_region ON searchable_action (region_code);
CREATE INDEX searchable_action_rome ON searchable_action USING gin (rome_codes);
CREATE INDEX searchable_action_formacode ON searchable_action USING gin (formacodes);
-- A search around a place keeps a box of latitudes and longitudes first: a B-tree whose rows the planner can count,
-- unlike earth_box's. Rows are written in order of region and latitude (search_rebuild), so that a search by region
-- or around a place reads contiguous pages (a region's 27,000 hits: 365 ms with rows in any order, 30 ms).
CREATE INDEX searchable_action_position ON searchable_action (latitude, longitude) WHERE latitude IS NOT NULL;

-- Words of titles, for typo correction: an unknown word of the query is replaced by the closest known one.
CREATE TABLE search_word (
    word text PRIMARY KEY
);
CREATE INDEX search_word_trgm ON search_word USING gin (word gin_trgm_ops);

-- Holders' situations as identity announces them (HolderProfileChanged), for "eligible for me".
CREATE TABLE holder_profile (
    holder_id         uuid PRIMARY KEY,
    employment_status text,
    work_region       char(2),
    residence_region  char(2),
    branch_idcc       char(4),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
