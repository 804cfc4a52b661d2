-- The search reads one table: a row per published action, with what its offer, certification, organisation and
-- sessions say about it, copied in the same transaction as each change (ADR 17). Filters and facets then need no
-- join, and every filter has its index.

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
    -- Each session as the day it starts: "a session starts between two dates" is an overlap, answered by the index.
    session_starts         datemultirange NOT NULL,
    sessions               int NOT NULL
);
CREATE INDEX searchable_action_search ON searchable_action USING gin (search);
CREATE INDEX searchable_action_offer ON searchable_action (offer_id);
CREATE INDEX searchable_action_organisation ON searchable_action (organisation_siret);
CREATE INDEX searchable_action_certification ON searchable_action (certification_code);
CREATE INDEX searchable_action_region ON searchable_action (region_code);
CREATE INDEX searchable_action_rome ON searchable_action USING gin (rome_codes);
CREATE INDEX searchable_action_formacode ON searchable_action USING gin (formacodes);
CREATE INDEX searchable_action_starts ON searchable_action USING gist (session_starts);
CREATE INDEX searchable_action_place ON searchable_action USING gist (ll_to_earth(latitude, longitude))
    WHERE latitude IS NOT NULL;

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

-- What a published offer's actions look like to the search.
CREATE VIEW searchable_action_source AS
SELECT a.id AS action_id, o.id AS offer_id, o.organisation_siret, o.certification_code, o.title,
       setweight(to_tsvector('french_unaccent', o.title), 'A')
           || setweight(to_tsvector('french_unaccent', c.title), 'B')
           || setweight(to_tsvector('french_unaccent', o.objectives), 'C')
           || setweight(to_tsvector('french_unaccent', o.content), 'D') AS search,
       a.modality, a.region_code, a.latitude, a.longitude, a.price_cents, a.duration_hours, c.level,
       coalesce(c.special_kind, c.registry) AS kind, c.special_kind, c.active AS registered,
       org.qualiopi_granted,
       ARRAY(SELECT r.rome_code FROM certification_rome r WHERE r.certification_code = c.code) AS rome_codes,
       ARRAY(SELECT f.formacode::text FROM certification_formacode f WHERE f.certification_code = c.code)
           AS formacodes,
       coalesce((SELECT range_agg(daterange(s.starts_on, s.starts_on, '[]')) FROM offer_session s
                 WHERE s.action_id = a.id), '{}'::datemultirange) AS session_starts,
       (SELECT count(*) FROM offer_session s WHERE s.action_id = a.id)::int AS sessions
FROM offer o
JOIN offer_action a ON a.offer_id = o.id
JOIN certification c ON c.code = o.certification_code
JOIN organisation org ON org.siret = o.organisation_siret
WHERE o.status = 'PUBLISHED';

CREATE FUNCTION search_words(title text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
    SELECT DISTINCT w FROM regexp_split_to_table(lower(unaccent('unaccent', title)), '[^a-z0-9]+') w
    WHERE length(w) >= 3
$$;

-- Brings one offer's rows up to date; called in the transaction that changed it.
CREATE FUNCTION search_refresh_offer(changed uuid) RETURNS void LANGUAGE sql AS $$
    DELETE FROM searchable_action WHERE offer_id = changed;
    INSERT INTO searchable_action SELECT * FROM searchable_action_source WHERE offer_id = changed;
    INSERT INTO search_word SELECT search_words(title) FROM offer WHERE id = changed ON CONFLICT DO NOTHING;
$$;

-- An organisation's Qualiopi date is copied into each of its rows.
CREATE FUNCTION search_refresh_organisation(changed char(14)) RETURNS void LANGUAGE sql AS $$
    UPDATE searchable_action SET qualiopi_granted = o.qualiopi_granted
    FROM organisation o WHERE o.siret = changed AND searchable_action.organisation_siret = changed
        AND searchable_action.qualiopi_granted IS DISTINCT FROM o.qualiopi_granted;
$$;

-- Everything again: after a bulk load (the volume generator) or a new register.
CREATE FUNCTION search_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE searchable_action;
    INSERT INTO searchable_action SELECT * FROM searchable_action_source;
    TRUNCATE search_word;
    INSERT INTO search_word SELECT search_words(title) FROM offer ON CONFLICT DO NOTHING;
    INSERT INTO search_word SELECT search_words(title) FROM certification ON CONFLICT DO NOTHING;
$$;
