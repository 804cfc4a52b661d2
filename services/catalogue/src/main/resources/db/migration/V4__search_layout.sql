-- The search's rows laid out for speed (ADR 17, measured with make bench at 500,000 offers):
-- * rows are written in order of region and latitude, so that a search by region or around a place reads a few
--   contiguous pages instead of one page per hit (a region's 27,000 hits: 365 ms before, 30 ms after);
-- * the place is also stored as a point on the earth, so that the exact distance is one C function per row instead of
--   earthdistance's SQL functions (4.5 µs a row); the search first keeps a latitude/longitude box, by B-tree, whose
--   row count the planner can estimate, unlike the box of earth_box;
-- * the first and last session starts: "a session starts from today on" is "the last one does", a date comparison;
--   the exact check on the sessions' days stays for searches that end at a date.
ALTER TABLE searchable_action ADD COLUMN place cube, ADD COLUMN first_start date, ADD COLUMN last_start date;
DROP INDEX searchable_action_place;
DROP INDEX searchable_action_starts;
CREATE INDEX searchable_action_position ON searchable_action (latitude, longitude) WHERE latitude IS NOT NULL;

CREATE OR REPLACE VIEW searchable_action_source AS
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
       (SELECT count(*) FROM offer_session s WHERE s.action_id = a.id)::int AS sessions,
       CASE WHEN a.latitude IS NOT NULL THEN ll_to_earth(a.latitude, a.longitude) END AS place,
       (SELECT min(s.starts_on) FROM offer_session s WHERE s.action_id = a.id) AS first_start,
       (SELECT max(s.starts_on) FROM offer_session s WHERE s.action_id = a.id) AS last_start
FROM offer o
JOIN offer_action a ON a.offer_id = o.id
JOIN certification c ON c.code = o.certification_code
JOIN organisation org ON org.siret = o.organisation_siret
WHERE o.status = 'PUBLISHED';

CREATE OR REPLACE FUNCTION search_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE searchable_action;
    INSERT INTO searchable_action SELECT * FROM searchable_action_source ORDER BY region_code, latitude, longitude;
    TRUNCATE search_word;
    INSERT INTO search_word SELECT search_words(title) FROM offer ON CONFLICT DO NOTHING;
    INSERT INTO search_word SELECT search_words(title) FROM certification ON CONFLICT DO NOTHING;
$$;

SELECT search_rebuild();
