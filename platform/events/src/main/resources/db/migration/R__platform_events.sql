-- Tables of the platform events library: the transactional outbox and the consumers' processed event ids.
-- A repeatable migration, run in every service's database: it must stay idempotent (IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS platform_outbox_event (
    position     bigserial   PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    key          text        NOT NULL,
    type         text        NOT NULL,
    version      integer     NOT NULL,
    headers      jsonb       NOT NULL,
    -- The Kafka record value: the whole envelope.
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

-- What the relay reads, and the purge.
CREATE INDEX IF NOT EXISTS platform_outbox_event_unpublished
    ON platform_outbox_event (position) WHERE published_at IS NULL;
CREATE INDEX IF NOT EXISTS platform_outbox_event_published_at
    ON platform_outbox_event (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS platform_processed_event (
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX IF NOT EXISTS platform_processed_event_processed_at ON platform_processed_event (processed_at);
