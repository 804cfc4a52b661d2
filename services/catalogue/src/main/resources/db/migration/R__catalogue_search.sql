-- What the search's rows (V2) hold, and the functions that write them, ADR 17. Repeatable: Flyway runs it again when
-- it changes, after the versioned migrations (the view reads V3's codes of LHEO files), and the rows are then rebuilt
-- in the new shape.

-- The columns in the order of searchable_action's (V2): the functions below insert SELECT * of it.
DROP VIEW IF EXISTS searchable_action_source;
CREATE VIEW searchable_action_source AS
SELECT a.id AS action_id, o.id AS offer_id, o.organisation_siret, o.certification_code, o.title,
       setweight(to_tsvector('french_unaccent', o.title), 'A')
           || setweight(to_tsvector('french_unaccent', c.title), 'B')
           || setweight(to_tsvector('french_unaccent', o.objectives), 'C')
           || setweight(to_tsvector('french_unaccent', o.content), 'D') AS search,
       a.modality, a.region_code, a.latitude, a.longitude, a.price_cents, a.duration_hours, c.level,
       coalesce(c.special_kind, c.registry) AS kind, c.special_kind, c.active AS registered,
       org.qualiopi_granted,
       ARRAY(SELECT r.rome_code FROM certification_rome r WHERE r.certification_code = c.code
             UNION SELECT x.rome_code FROM offer_rome x WHERE x.offer_id = o.id) AS rome_codes,
       ARRAY(SELECT f.formacode::text FROM certification_formacode f WHERE f.certification_code = c.code
             UNION SELECT x.formacode::text FROM offer_formacode x WHERE x.offer_id = o.id) AS formacodes,
       coalesce((SELECT range_agg(daterange(s.starts_on, s.starts_on, '[]')) FROM offer_session s
                 WHERE s.action_id = a.id), '{}'::datemultirange) AS session_starts,
       (SELECT min(s.starts_on) FROM offer_session s WHERE s.action_id = a.id) AS first_start,
       (SELECT max(s.starts_on) FROM offer_session s WHERE s.action_id = a.id) AS last_start,
       CASE WHEN a.latitude IS NOT NULL THEN ll_to_earth(a.latitude, a.longitude) END AS place
FROM offer o
JOIN offer_action a ON a.offer_id = o.id
JOIN certification c ON c.code = o.certification_code
JOIN organisation org ON org.siret = o.organisation_siret
WHERE o.status = 'PUBLISHED';

CREATE OR REPLACE FUNCTION search_words(title text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
    SELECT DISTINCT w FROM regexp_split_to_table(lower(unaccent('unaccent', title)), '[^a-z0-9]+') w
    WHERE length(w) >= 3
$$;

-- Brings one offer's rows up to date; called in the transaction that changed it.
CREATE OR REPLACE FUNCTION search_refresh_offer(changed uuid) RETURNS void LANGUAGE sql AS $$
    DELETE FROM searchable_action WHERE offer_id = changed;
    INSERT INTO searchable_action SELECT * FROM searchable_action_source WHERE offer_id = changed;
    INSERT INTO search_word SELECT search_words(title) FROM offer WHERE id = changed ON CONFLICT DO NOTHING;
$$;

-- An organisation's Qualiopi date is copied into each of its rows.
CREATE OR REPLACE FUNCTION search_refresh_organisation(changed char(14)) RETURNS void LANGUAGE sql AS $$
    UPDATE searchable_action SET qualiopi_granted = o.qualiopi_granted
    FROM organisation o WHERE o.siret = changed AND searchable_action.organisation_siret = changed
        AND searchable_action.qualiopi_granted IS DISTINCT FROM o.qualiopi_granted;
$$;

-- Everything again: after a bulk load (the volume generator) or a new register.
CREATE OR REPLACE FUNCTION search_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE searchable_action;
    INSERT INTO searchable_action SELECT * FROM searchable_action_source ORDER BY region_code, latitude, longitude;
    TRUNCATE search_word;
    INSERT INTO search_word SELECT search_words(title) FROM offer ON CONFLICT DO NOTHING;
    INSERT INTO search_word SELECT search_words(title) FROM certification ON CONFLICT DO NOTHING;
$$;

SELECT search_rebuild();
