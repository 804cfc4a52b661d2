-- What the holder tells identity about their situation, as it changes (HolderProfileChanged): the rules need it by
-- date — the population of a year (public servant, ESAT worker), retirement, and the diploma level that makes a
-- low-qualified holder (below level 3) earn the higher rate until the year after reaching it.
CREATE TABLE holder_situation (
    person_key         varchar(64) NOT NULL,
    effective_from     date        NOT NULL,               -- the day identity recorded the change
    employment_status  varchar(20),                        -- EMPLOYEE, JOB_SEEKER, PUBLIC_SERVANT, ESAT_WORKER, RETIRED...
    diploma_level      varchar(10),                        -- NONE, LEVEL_1 ... LEVEL_8
    apprenticeship     boolean     NOT NULL DEFAULT false,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_key, effective_from)
);
