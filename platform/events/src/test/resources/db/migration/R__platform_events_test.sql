-- Tables of the events library's tests only.
CREATE TABLE IF NOT EXISTS platform_events_test_order (
    id        bigserial PRIMARY KEY,
    reference text      NOT NULL UNIQUE
);

-- One row per applied event of the ordering test, in the order the consumer applied them.
CREATE TABLE IF NOT EXISTS platform_events_test_effect (
    applied  bigserial PRIMARY KEY,
    run_id   text      NOT NULL,
    key      text      NOT NULL,
    sequence integer   NOT NULL,
    event_id uuid      NOT NULL
);
CREATE INDEX IF NOT EXISTS platform_events_test_effect_run ON platform_events_test_effect (run_id);
