-- Volume data for the catalogue: :n generated offers from generated organisations, set-based, in one transaction.
-- Run by deploy/local/seed-catalogue.sh from this folder: psql -v n=500000 -v seed=42 -v owner=cpa_catalogue -f ...
-- What each file here holds and which figures are measured or assumed: README.md beside this file.
--
-- Re-runnable: what earlier runs generated (organisations listed in seed.generated_organisation with their offers,
-- eligibility rows listed in seed.generated_eligibility) is deleted first; generated certifications are upserted.
-- Deterministic: every draw is a hash of (row number, draw number, :seed), not random(), so the rows do not depend on
-- the plan, on parallel workers or on the order rows are produced in. Dates are relative to the day of the run.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
SET ROLE :"owner";

BEGIN;
-- lap(step): prints the step and the seconds since the previous one
\pset tuples_only on
\pset format unaligned
CREATE TEMPORARY TABLE lap (at timestamptz) ON COMMIT DROP;
INSERT INTO lap VALUES (clock_timestamp());
CREATE FUNCTION pg_temp.lap(step text) RETURNS text LANGUAGE sql AS $$
    WITH prev AS (SELECT at FROM lap), upd AS (UPDATE lap SET at = clock_timestamp() RETURNING at)
    SELECT format('  %-44s %7s s', step, round(extract(epoch FROM upd.at - prev.at)::numeric, 1)) FROM prev, upd $$;
-- setup: seed schema, reference tables from the CSV files, helper functions
CREATE SCHEMA IF NOT EXISTS seed;
-- Which rows the generator owns, so that a run deletes exactly those.
CREATE TABLE IF NOT EXISTS seed.generated_organisation (siret char(14) PRIMARY KEY);
CREATE TABLE IF NOT EXISTS seed.generated_eligibility (id bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS seed.run (
    started_at timestamptz PRIMARY KEY, offers int NOT NULL, seed int NOT NULL, finished_at timestamptz);
INSERT INTO seed.run (started_at, offers, seed) VALUES (clock_timestamp(), :n, :seed);

-- u(i, k): the k-th uniform draw in [0, 1) for row i.
CREATE OR REPLACE FUNCTION seed.u(i bigint, k int, s int) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (hashint8extended(i, s * 1000 + k) & 4503599627370495)::double precision / 4503599627370496 $$;
-- The digit that, appended to payload, makes it pass the Luhn check (SIREN and SIRET keys).
CREATE OR REPLACE FUNCTION seed.luhn_digit(payload text) RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (10 - sum(CASE WHEN (length(payload) - p) % 2 = 0
                               THEN 2 * d - CASE WHEN 2 * d > 9 THEN 9 ELSE 0 END ELSE d END) % 10) % 10
          FROM (SELECT p, substr(payload, p, 1)::int AS d FROM generate_series(1, length(payload)) p) x $$;

DROP TABLE IF EXISTS seed.departement, seed.offer_shape, seed.region_weight, seed.special_kind;
CREATE UNLOGGED TABLE seed.departement (code text PRIMARY KEY, name text, region_code char(2), latitude float8,
    longitude float8, chef_lieu_insee text, chef_lieu text, chef_lieu_postcode char(5));
\copy seed.departement FROM 'departements.csv' WITH (FORMAT csv, HEADER true)
CREATE UNLOGGED TABLE seed.offer_shape (source text, registry text, actions int, sessions int, remote_sessions int,
    hours int, price_eur numeric);
\copy seed.offer_shape FROM 'offer-shapes.csv' WITH (FORMAT csv, HEADER true)
CREATE UNLOGGED TABLE seed.region_weight (region_code text PRIMARY KEY, sample_offers int);
\copy seed.region_weight FROM 'region-weights.csv' WITH (FORMAT csv, HEADER true)
CREATE UNLOGGED TABLE seed.special_kind (special_kind text PRIMARY KEY, code text, title text, share_pct numeric,
    hours_min int, hours_max int, price_min_eur int, price_max_eur int);
\copy seed.special_kind FROM 'special-kinds.csv' WITH (FORMAT csv, HEADER true)

SELECT pg_temp.lap('setup');
-- delete what earlier runs generated
DELETE FROM offer_session s USING offer_action a, offer o, seed.generated_organisation g
 WHERE s.action_id = a.id AND a.offer_id = o.id AND o.organisation_siret = g.siret;
DELETE FROM offer_action a USING offer o, seed.generated_organisation g
 WHERE a.offer_id = o.id AND o.organisation_siret = g.siret;
DELETE FROM offer o USING seed.generated_organisation g WHERE o.organisation_siret = g.siret;
DELETE FROM organisation o USING seed.generated_organisation g WHERE o.siret = g.siret;
TRUNCATE seed.generated_organisation;
DELETE FROM certification_eligibility e USING seed.generated_eligibility g WHERE e.id = g.id;
TRUNCATE seed.generated_eligibility;

SELECT pg_temp.lap('earlier generated data deleted');
-- generated certifications: RS (skill blocks of the register taken as specific certifications) and special kinds
-- 1,200 RS certifications, RS90001..: a real skill block's title (its "Bloc n°…" prefix removed), the ROME links of
-- the register certification the block belongs to. Real RS codes are four digits; these stay clear of them.
DROP TABLE IF EXISTS seed.rs;
CREATE UNLOGGED TABLE seed.rs AS
SELECT 'RS' || (90000 + row_number() OVER (ORDER BY md5(:seed || b.code)))::text AS code, b.title, b.parent
  FROM (SELECT DISTINCT ON (lower(t.title)) t.code, t.title, t.parent
          FROM (SELECT code, certification_code AS parent,
                       btrim(regexp_replace(title,
                           '^\s*((bloc|blc|ucp?|uc|bc|domaine|module|partie|activit[ée])[^:–-]{0,40}?[0-9]+[^:–-]{0,12}?\s*[:–.-]+\s*)',
                           '', 'i'), ' .;:-') AS title
                  FROM certification_skill_block) t
         WHERE length(t.title) BETWEEN 18 AND 110 AND t.title !~* '(rncp|bloc|^[a-z]{1,3}[0-9])'
           AND t.title ~ '^[[:upper:]]'
         ORDER BY lower(t.title), t.code) b
 ORDER BY md5(:seed || b.code)
 LIMIT 1200;
INSERT INTO certification (code, registry, title, level, active, registration_ends, origin)
SELECT code, 'RS', title, NULL, true, (current_date + 400 + (seed.u(substr(code, 3)::bigint, 1, :seed) * 900)::int),
       'GENERATED'
  FROM seed.rs
ON CONFLICT (code) DO UPDATE SET title = excluded.title, registration_ends = excluded.registration_ends,
    active = true, special_kind = NULL
 WHERE certification.origin = 'GENERATED';
INSERT INTO certification (code, registry, title, level, active, special_kind, origin)
SELECT code, 'RS', title, NULL, true, special_kind, 'GENERATED' FROM seed.special_kind
ON CONFLICT (code) DO UPDATE SET title = excluded.title, special_kind = excluded.special_kind, active = true
 WHERE certification.origin = 'GENERATED';
INSERT INTO certification_rome (certification_code, rome_code)
SELECT r.code, cr.rome_code FROM seed.rs r JOIN certification_rome cr ON cr.certification_code = r.parent
ON CONFLICT DO NOTHING;

SELECT pg_temp.lap('generated certifications upserted');
-- pools to draw certifications from, with the text every offer of a certification shares
DROP TABLE IF EXISTS seed.cert_pool, seed.pool_size, seed.kind_cdf;
-- Register certifications: 85 % of register offers point to an active one (the 2021 export has 4,481 active out of
-- 17,369; offers on inactive ones are the older, still listed ones).
CREATE UNLOGGED TABLE seed.cert_pool AS
SELECT CASE WHEN c.special_kind IS NOT NULL THEN c.special_kind
            WHEN c.origin = 'GENERATED' THEN 'RS'
            WHEN c.active THEN 'RNCP_ACTIVE' ELSE 'RNCP_INACTIVE' END AS pool,
       c.code, c.title, c.level, c.special_kind
  FROM certification c
 WHERE c.origin = 'REGISTER' OR c.code IN (SELECT code FROM seed.rs UNION ALL SELECT code FROM seed.special_kind);
ALTER TABLE seed.cert_pool ADD COLUMN ord int;
UPDATE seed.cert_pool p SET ord = x.ord
  FROM (SELECT code, row_number() OVER (PARTITION BY pool ORDER BY code) AS ord FROM seed.cert_pool) x
 WHERE x.code = p.code;
-- The objectives name the certification and the jobs it leads to (ROME titles); the content lists its skill blocks
-- (for an RS certification, its parent's), else the professional fields of its jobs.
ALTER TABLE seed.cert_pool ADD COLUMN jobs text, ADD COLUMN blocks text, ADD COLUMN fields text;
UPDATE seed.cert_pool p SET jobs = x.jobs, fields = x.fields
  FROM (SELECT cr.certification_code AS code,
               string_agg(DISTINCT j.title, ', ') FILTER (WHERE j.title IS NOT NULL) AS jobs,
               string_agg(DISTINCT j.field_title, ', ') FILTER (WHERE j.field_title IS NOT NULL) AS fields
          FROM certification_rome cr JOIN rome_job j ON j.code = cr.rome_code
         GROUP BY cr.certification_code) x
 WHERE x.code = p.code;
UPDATE seed.cert_pool p SET blocks = x.blocks
  FROM (SELECT code, string_agg(title, E'\n- ' ORDER BY block) AS blocks
          FROM (SELECT certification_code AS code, code AS block, title FROM certification_skill_block
                UNION ALL
                SELECT r.code, b.code, b.title
                  FROM seed.rs r JOIN certification_skill_block b ON b.certification_code = r.parent) b
         GROUP BY code) x
 WHERE x.code = p.code;
CREATE UNIQUE INDEX ON seed.cert_pool (pool, ord);
CREATE UNLOGGED TABLE seed.pool_size AS SELECT pool, count(*)::int AS size FROM seed.cert_pool GROUP BY pool;
-- Which kind of certification an offer leads to: special kinds by their share (special-kinds.csv), the rest split
-- between the register (RNCP) and the RS as in the Mon Compte Formation extracts (100 and 100 rows).
CREATE UNLOGGED TABLE seed.kind_cdf AS
WITH k AS (
    SELECT special_kind AS pool, share_pct / 100 AS share FROM seed.special_kind
    UNION ALL
    SELECT p.pool, (1 - (SELECT sum(share_pct) / 100 FROM seed.special_kind))
                   * (SELECT count(*) FILTER (WHERE registry = p.reg)::numeric / count(*)
                        FROM seed.offer_shape WHERE source = 'mcf') * p.part
      FROM (VALUES ('RNCP_ACTIVE', 'RNCP', 0.85), ('RNCP_INACTIVE', 'RNCP', 0.15), ('RS', 'RS', 1.0)) p (pool, reg, part))
SELECT pool, (sum(share) OVER (ORDER BY pool) - share)::float8 AS lo, sum(share) OVER (ORDER BY pool)::float8 AS hi
  FROM k;
UPDATE seed.kind_cdf SET hi = 1.0 WHERE hi = (SELECT max(hi) FROM seed.kind_cdf);

SELECT pg_temp.lap('certification pools and their texts');
-- shapes, places
ALTER TABLE seed.offer_shape ADD COLUMN ord int, ADD COLUMN hours_ord int;
UPDATE seed.offer_shape s SET ord = x.ord, hours_ord = x.hours_ord
  FROM (SELECT ctid AS id, row_number() OVER (PARTITION BY registry ORDER BY source, price_eur, hours, sessions) AS ord,
               CASE WHEN hours IS NOT NULL
                    THEN row_number() OVER (PARTITION BY registry, hours IS NOT NULL ORDER BY source, hours, price_eur)
               END AS hours_ord
          FROM seed.offer_shape) x
 WHERE s.ctid = x.id;
DROP TABLE IF EXISTS seed.shape_size;
CREATE UNLOGGED TABLE seed.shape_size AS
SELECT registry, count(*)::int AS size, count(hours)::int AS hours_size FROM seed.offer_shape GROUP BY registry;
-- Organisations' départements: a region weighs its offers in the extracts plus 2 (so that every region has some),
-- shared equally by its départements.
ALTER TABLE seed.departement ADD COLUMN ord int, ADD COLUMN lo float8, ADD COLUMN hi float8;
UPDATE seed.departement d SET ord = x.ord, lo = x.hi - x.w, hi = x.hi
  FROM (SELECT code, row_number() OVER (ORDER BY code) AS ord,
               w, sum(w) OVER (ORDER BY code) AS hi
          FROM (SELECT d.code, (rw.sample_offers + 2)::float8 / count(*) OVER (PARTITION BY d.region_code) AS w
                  FROM seed.departement d JOIN seed.region_weight rw ON rw.region_code = d.region_code) w) x
 WHERE x.code = d.code;
UPDATE seed.departement SET lo = lo / (SELECT max(hi) FROM seed.departement),
                            hi = hi / (SELECT max(hi) FROM seed.departement);
UPDATE seed.departement SET hi = 1.0 WHERE hi = (SELECT max(hi) FROM seed.departement);

SELECT pg_temp.lap('shapes and places');
-- organisations
DROP TABLE IF EXISTS seed.org;
CREATE UNLOGGED TABLE seed.org AS
WITH params AS (SELECT greatest(200, least(5000, :n / 100)) AS n_org),
     fields AS (SELECT row_number() OVER (ORDER BY field_code) AS ord, field_title
                  FROM (SELECT DISTINCT field_code, field_title FROM rome_job) f),
     g AS (
    -- i ↦ base + i·39916801 mod 90,000,000 is one-to-one (39916801 is a prime other than 2, 3 and 5): distinct SIRENs
    SELECT i, (10000000 + ((floor(seed.u(0, 1, :seed) * 90000000)::bigint + i::bigint * 39916801) % 90000000))::text AS siren8
      FROM params, generate_series(1, params.n_org) i),
     named AS (
    SELECT g.i, g.siren8 || seed.luhn_digit(g.siren8) AS siren, d.code AS dep, d.region_code, d.chef_lieu,
           d.chef_lieu_postcode, f.field_title,
           (ARRAY['Centre de formation', 'Institut', 'Académie', 'École', 'Organisme de formation', 'Campus',
                  'Atelier', 'Association', 'Groupement', 'Cabinet'])[1 + floor(seed.u(g.i, 3, :seed) * 10)::int] AS kind,
           (ARRAY['', '', ' SAS', ' SARL', ' SAS', ' EURL', ''])[1 + floor(seed.u(g.i, 4, :seed) * 7)::int] AS legal
      FROM g
      JOIN seed.departement d ON seed.u(g.i, 2, :seed) >= d.lo AND seed.u(g.i, 2, :seed) < d.hi
      JOIN fields f ON f.ord = 1 + floor(seed.u(g.i, 5, :seed) * (SELECT count(*) FROM fields))::int)
SELECT row_number() OVER (ORDER BY n.i)::int AS ord,
       n.siren || '0001' || seed.luhn_digit(n.siren || '0001') AS siret,
       CASE WHEN seed.u(n.i, 6, :seed) < 0.5
            THEN n.kind || ' ' || n.field_title || ' ' || n.chef_lieu || n.legal
            -- an acronym of the field's words of four letters or more
            ELSE upper(regexp_replace(unaccent(n.field_title), '\m(\w)\w{3,}\M|\m\w{1,3}\M|\W', '\1', 'g'))
                 || (ARRAY[' Formation', ' Formations', ' Conseil', ' Compétences', ' Campus'])[1 + floor(seed.u(n.i, 7, :seed) * 5)::int]
                 || n.legal
       END AS name,
       (1 + floor(seed.u(n.i, 8, :seed) * 120)::int)::text
           || (ARRAY['', '', '', ' bis'])[1 + floor(seed.u(n.i, 9, :seed) * 4)::int] || ' '
           || (ARRAY['rue de la République', 'rue Victor Hugo', 'avenue Jean Jaurès', 'rue Pasteur', 'place de la Gare',
                     'rue du Général de Gaulle', 'boulevard Gambetta', 'rue Jules Ferry', 'allée des Tilleuls',
                     'rue de l''Église', 'avenue de la Libération', 'rue Nationale', 'rue des Écoles',
                     'chemin du Moulin', 'rue de la Gare'])[1 + floor(seed.u(n.i, 10, :seed) * 15)::int] AS street,
       n.chef_lieu_postcode AS postcode, n.chef_lieu AS city, n.dep, n.region_code,
       -- Qualiopi: 92 % certified, on a day from 2020-01-01 (the first certificates) to the end of 2024.
       CASE WHEN seed.u(n.i, 11, :seed) < 0.92
            THEN date '2020-01-01' + floor(seed.u(n.i, 12, :seed) * 1826)::int END AS qualiopi_granted,
       CASE n.region_code WHEN '01' THEN '0590' WHEN '02' THEN '0596' WHEN '03' THEN '0594' WHEN '04' THEN '0262'
            WHEN '06' THEN '0269' WHEN '11' THEN '01' WHEN '24' THEN '02' WHEN '28' THEN '02' WHEN '52' THEN '02'
            WHEN '53' THEN '02' WHEN '27' THEN '03' WHEN '32' THEN '03' WHEN '44' THEN '03' WHEN '84' THEN '04'
            WHEN '93' THEN '04' WHEN '94' THEN '04' ELSE '05' END AS phone_prefix,
       current_date - 800 + floor(seed.u(n.i, 13, :seed) * 700)::int AS created_on
  FROM named n
 WHERE NOT EXISTS (SELECT 1 FROM organisation o WHERE o.siret = n.siren || '0001' || seed.luhn_digit(n.siren || '0001'));
ALTER TABLE seed.org ADD COLUMN domain text;
UPDATE seed.org SET domain = btrim(left(regexp_replace(lower(unaccent(regexp_replace(name, ' (SAS|SARL|EURL)$', ''))),
                                                  '[^a-z0-9]+', '-', 'g'), 40), '-') || '.fr';
CREATE UNIQUE INDEX ON seed.org (ord);
INSERT INTO organisation (siret, name, street, postcode, city, qualiopi_granted, created_at, updated_at)
SELECT siret, name, street, postcode, city, qualiopi_granted, created_on::timestamptz, created_on::timestamptz
  FROM seed.org;
INSERT INTO seed.generated_organisation SELECT siret FROM seed.org;

SELECT pg_temp.lap('organisations inserted');
-- offers: the draws of each, staged
DROP TABLE IF EXISTS seed.o;
CREATE UNLOGGED TABLE seed.o AS
WITH drawn AS (
WITH base AS (
    SELECT i,
           -- a few organisations have most offers, as in the extracts (one has a third of them): ord ~ n_org * u^2
           1 + floor(power(seed.u(i, 1, :seed), 2) * (SELECT count(*) FROM seed.org))::int AS org_ord,
           k.pool
      FROM generate_series(1, :n) i
      JOIN seed.kind_cdf k ON seed.u(i, 2, :seed) >= k.lo AND seed.u(i, 2, :seed) < k.hi)
SELECT b.i, md5('offer:' || :seed || ':' || b.i)::uuid AS id, o.siret, o.ord AS org_ord, o.dep AS org_dep,
       o.name AS org_name, o.domain, o.phone_prefix, o.qualiopi_granted, o.created_on AS org_created_on,
       c.code AS certification_code, c.title AS cert_title, c.level, c.special_kind, c.jobs, c.blocks, c.fields,
       s.actions, s.sessions, s.remote_sessions, coalesce(s.hours, h.hours) AS shape_hours, s.price_eur,
       sk.hours_min, sk.hours_max, sk.price_min_eur, sk.price_max_eur
  FROM base b
  JOIN seed.org o ON o.ord = b.org_ord
  JOIN seed.pool_size ps ON ps.pool = b.pool
  JOIN seed.cert_pool c ON c.pool = b.pool AND c.ord = 1 + floor(seed.u(b.i, 3, :seed) * ps.size)::int
  JOIN seed.shape_size ss ON ss.registry = CASE WHEN b.pool LIKE 'RNCP%' THEN 'RNCP' ELSE 'RS' END
  JOIN seed.offer_shape s ON s.registry = ss.registry AND s.ord = 1 + floor(seed.u(b.i, 4, :seed) * ss.size)::int
  JOIN seed.offer_shape h ON h.registry = ss.registry
                         AND h.hours_ord = 1 + floor(seed.u(b.i, 5, :seed) * ss.hours_size)::int
  LEFT JOIN seed.special_kind sk ON sk.special_kind = c.special_kind)
SELECT d.*,
       -- hours and price: a real offer's, ±10 % and ±15 %, the price to 10 €; special kinds within their range
       CASE WHEN special_kind IS NOT NULL
            THEN hours_min + floor(seed.u(i, 6, :seed) * (hours_max - hours_min + 1))::int
            ELSE greatest(1, round(shape_hours * (0.9 + 0.2 * seed.u(i, 6, :seed))))::int END AS hours,
       (1000 * CASE WHEN special_kind IS NOT NULL
                    THEN round((price_min_eur + seed.u(i, 7, :seed) * (price_max_eur - price_min_eur)) / 10)
                    ELSE greatest(5, round(price_eur * (0.85 + 0.3 * seed.u(i, 7, :seed)) / 10)) END)::bigint
           AS price_cents,
       -- the real offer's sessions: none at a distance → in person; else wholly remote or blended, half and half (the
       -- extracts count sessions "à distance" without telling the two apart)
       CASE WHEN remote_sessions = 0 THEN 'IN_PERSON'
            WHEN seed.u(i, 9, :seed) < 0.5 THEN 'BLENDED' ELSE 'REMOTE' END AS modality,
       least(3, greatest(1, actions)) AS n_actions,
       least(4, greatest(1, ceil(sessions::numeric / greatest(1, actions))::int
                            + CASE WHEN seed.u(i, 8, :seed) < 0.25 THEN 1 ELSE 0 END)) AS sessions_per_action
  FROM drawn d;

SELECT pg_temp.lap('offers drawn (staged)');
-- bulk load: the indexes of offer, offer_action and offer_session are dropped, then built again at the end
DROP TABLE IF EXISTS seed.dropped_index;
CREATE UNLOGGED TABLE seed.dropped_index AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i
 WHERE i.indrelid IN ('offer'::regclass, 'offer_action'::regclass, 'offer_session'::regclass)
   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
SELECT format('DROP INDEX %s', name) FROM seed.dropped_index \gexec

SELECT pg_temp.lap('secondary indexes dropped');
-- offers
INSERT INTO offer (id, organisation_siret, certification_code, status, title, objectives, content, contact_name,
                   contact_email, contact_phone, revision, created_at, updated_at, withdrawn_at)
SELECT o.id, o.siret, o.certification_code,
       CASE WHEN o.qualiopi_granted IS NULL OR seed.u(o.i, 20, :seed) < 0.04 THEN 'WITHDRAWN' ELSE 'PUBLISHED' END,
       CASE WHEN o.special_kind IS NOT NULL
            THEN o.cert_title || (ARRAY['', '', ' – parcours individualisé', ' – ' || o.hours || ' h', ' ' || lower(m.label)])
                                 [1 + floor(seed.u(o.i, 21, :seed) * 5)::int]
            ELSE replace((ARRAY['%s', '%s', '%s', 'Formation %s', 'Formation %s', 'Préparation à la certification %s',
                                '%s – parcours complet', '%s – parcours individualisé', '%s ' || lower(m.label)])
                         [1 + floor(seed.u(o.i, 21, :seed) * 9)::int], '%s', o.cert_title)
       END,
       'Obtenir la certification « ' || o.cert_title || ' » (' || o.certification_code
           || coalesce(', niveau ' || o.level, '') || ').'
           || coalesce(' Métiers visés : ' || o.jobs || '.', '')
           || ' Formation ' || lower(m.label) || ' de ' || o.hours || ' heures.',
       coalesce('- ' || o.blocks, 'Domaines : ' || o.fields, o.cert_title)
           || E'\n' || (ARRAY['Apports théoriques, mises en situation professionnelle et évaluation finale.',
                              'Alternance de cours, travaux pratiques et études de cas.',
                              'Positionnement à l''entrée, parcours adapté, accompagnement individuel.',
                              'Exercices pratiques, projets et préparation à l''examen.'])
                        [1 + floor(seed.u(o.i, 22, :seed) * 4)::int],
       fn.first_name || ' ' || ln.last_name,
       lower(unaccent(fn.first_name || '.' || ln.last_name)) || '@' || o.domain,
       o.phone_prefix || lpad(floor(seed.u(o.org_ord, 23, :seed) * power(10, 10 - length(o.phone_prefix)))::bigint::text,
                              10 - length(o.phone_prefix), '0'),
       1 + floor(power(seed.u(o.i, 24, :seed), 3) * 5)::int,
       o.org_created_on + floor(seed.u(o.i, 25, :seed) * 60)::int,
       o.org_created_on + floor(seed.u(o.i, 25, :seed) * 60)::int + floor(seed.u(o.i, 26, :seed) * 120)::int,
       CASE WHEN o.qualiopi_granted IS NULL OR seed.u(o.i, 20, :seed) < 0.04
            THEN current_date - floor(seed.u(o.i, 27, :seed) * 90)::int END
  FROM seed.o o
  JOIN (VALUES ('IN_PERSON', 'En présentiel'), ('REMOTE', 'À distance'), ('BLENDED', 'En formation mixte'))
       m (modality, label) ON m.modality = o.modality
  -- the most frequent given names and surnames in France (INSEE civil registers)
  JOIN (SELECT row_number() OVER () AS k, first_name FROM unnest(ARRAY['Marie', 'Jean', 'Nathalie', 'Pierre',
        'Isabelle', 'Michel', 'Sylvie', 'Philippe', 'Catherine', 'Alain', 'Sophie', 'Nicolas', 'Christine', 'Julien',
        'Sandrine', 'Thomas', 'Céline', 'Stéphane', 'Valérie', 'David', 'Camille', 'Sébastien', 'Aurélie', 'Laurent'])
        first_name) fn ON fn.k = 1 + floor(seed.u(o.i, 28, :seed) * 24)::int
  JOIN (SELECT row_number() OVER () AS k, last_name FROM unnest(ARRAY['Martin', 'Bernard', 'Thomas', 'Petit',
        'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux',
        'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine'])
        last_name) ln ON ln.k = 1 + floor(seed.u(o.i, 29, :seed) * 24)::int;

SELECT pg_temp.lap('offers inserted');
-- actions
DROP TABLE IF EXISTS seed.a;
CREATE UNLOGGED TABLE seed.a AS
SELECT o.i * 4 + a AS j, md5('action:' || :seed || ':' || o.i || ':' || a)::uuid AS id, o.id AS offer_id, a AS position,
       o.hours, o.price_cents, o.modality, o.sessions_per_action, o.org_name,
       -- in person or blended: in the organisation's département 4 times out of 5, else anywhere
       CASE WHEN o.modality = 'REMOTE' THEN NULL
            WHEN seed.u(o.i * 4 + a, 30, :seed) < 0.8 THEN o.org_dep ELSE anywhere.code END AS dep
  FROM seed.o o CROSS JOIN LATERAL generate_series(1, o.n_actions) a
  JOIN seed.departement anywhere
    ON anywhere.ord = 1 + floor(seed.u(o.i * 4 + a, 31, :seed) * (SELECT count(*) FROM seed.departement))::int;
INSERT INTO offer_action (id, offer_id, position, duration_hours, price_cents, modality, place_name, street, postcode,
                          city, region_code, latitude, longitude)
SELECT a.id, a.offer_id, a.position, a.hours, a.price_cents, a.modality,
       CASE WHEN d.code IS NOT NULL THEN a.org_name || ' – ' || d.chef_lieu END,
       CASE WHEN d.code IS NOT NULL
            THEN (1 + floor(seed.u(a.j, 32, :seed) * 80)::int)::text || ' '
                 || (ARRAY['rue de la République', 'avenue Jean Jaurès', 'rue Pasteur', 'boulevard Gambetta',
                           'rue Jules Ferry', 'rue de la Gare', 'zone d''activités du Parc', 'rue des Écoles'])
                    [1 + floor(seed.u(a.j, 33, :seed) * 8)::int] END,
       d.chef_lieu_postcode, d.chef_lieu, d.region_code,
       -- around the département's geographic centre: ±0.15° (overseas ±0.04°)
       d.latitude + (seed.u(a.j, 34, :seed) - 0.5) * CASE WHEN length(d.code) = 3 THEN 0.08 ELSE 0.3 END,
       d.longitude + (seed.u(a.j, 35, :seed) - 0.5) * CASE WHEN length(d.code) = 3 THEN 0.08 ELSE 0.4 END
  FROM seed.a a LEFT JOIN seed.departement d ON d.code = a.dep;

SELECT pg_temp.lap('actions inserted');
-- sessions
INSERT INTO offer_session (id, action_id, starts_on, ends_on, seats, in_working_time)
SELECT md5('session:' || :seed || ':' || a.j || ':' || s)::uuid, a.id, x.starts_on,
       -- full time is 35 h a week; part-time courses take up to twice as long; at most 400 days
       x.starts_on + least(400, greatest(0, ceil(a.hours / 35.0 * 7 * (1 + seed.u(a.j * 4 + s, 41, :seed)))::int - 1)),
       CASE WHEN a.modality = 'REMOTE' THEN 10 + floor(seed.u(a.j * 4 + s, 42, :seed) * 91)::int
            ELSE 6 + floor(seed.u(a.j * 4 + s, 42, :seed) * 15)::int END,
       seed.u(a.j * 4 + s, 43, :seed) < 0.4
  FROM seed.a a
 CROSS JOIN LATERAL generate_series(1, a.sessions_per_action) s
 -- over the coming 12 months, one in nine already started
 CROSS JOIN LATERAL (SELECT current_date - 45 + floor(seed.u(a.j * 4 + s, 40, :seed) * 410)::int AS starts_on) x;

SELECT pg_temp.lap('sessions inserted');
-- eligibility lists: 2 % of the register certifications that are on none, from 2015 to 2018
WITH c AS (
    SELECT row_number() OVER (ORDER BY code) AS k, code FROM certification c
     WHERE origin = 'REGISTER'
       AND NOT EXISTS (SELECT 1 FROM certification_eligibility e WHERE e.certification_code = c.code)
       AND seed.u(hashtext(code), 50, :seed) < 0.02),
lists AS (
    SELECT c.code, l AS n, c.k * 2 + l AS j FROM c CROSS JOIN generate_series(1, 2) l
     WHERE l = 1 OR seed.u(c.k, 51, :seed) < 0.3),
rows AS (
    SELECT l.code, l.j, kind.list, kind.audience,
           CASE WHEN kind.list = 'BRANCH'
                THEN (ARRAY['1486', '3248', '1979', '2216'])[1 + floor(seed.u(l.j, 53, :seed) * 4)::int] END AS idcc,
           CASE WHEN kind.list = 'REGIONAL'
                THEN (SELECT code FROM region r ORDER BY code OFFSET floor(seed.u(l.j, 54, :seed) * 18)::int LIMIT 1) END
               AS region_code,
           date '2015-01-01' + floor(seed.u(l.j, 55, :seed) * 1461)::int AS valid_from
      FROM lists l
      -- the second list of a certification is never its first one's kind
      CROSS JOIN LATERAL (SELECT * FROM (VALUES
            (0.0, 0.4, 'NATIONAL', 'ALL'), (0.4, 0.7, 'BRANCH', 'ALL'),
            (0.7, 0.85, 'REGIONAL', 'EMPLOYEES'), (0.85, 1.0, 'REGIONAL', 'JOB_SEEKERS')) v (lo, hi, list, audience)
             WHERE (CASE WHEN l.n = 1 THEN seed.u(l.j - 1, 52, :seed)
                         ELSE seed.u(l.j - 2, 52, :seed) + 0.5 - floor(seed.u(l.j - 2, 52, :seed) + 0.5) END) >= lo
               AND (CASE WHEN l.n = 1 THEN seed.u(l.j - 1, 52, :seed)
                         ELSE seed.u(l.j - 2, 52, :seed) + 0.5 - floor(seed.u(l.j - 2, 52, :seed) + 0.5) END) < hi) kind),
ins AS (
    INSERT INTO certification_eligibility (certification_code, list, idcc, region_code, audience, valid_from, valid_until)
    SELECT code, list, idcc, region_code, audience, valid_from,
           CASE WHEN seed.u(j, 56, :seed) < 0.3 THEN valid_from + 365 + floor(seed.u(j, 57, :seed) * 1095)::int END
      FROM rows
    RETURNING id)
INSERT INTO seed.generated_eligibility SELECT id FROM ins;

SELECT pg_temp.lap('eligibility rows inserted');
-- indexes built again
SET max_parallel_maintenance_workers = 2;
SELECT def FROM seed.dropped_index \gexec
SELECT pg_temp.lap('secondary indexes built again');
DROP TABLE seed.o, seed.a, seed.dropped_index;
UPDATE seed.run SET finished_at = clock_timestamp() WHERE finished_at IS NULL;
COMMIT;
