-- Idempotency records of @Idempotent writes (cpa-platform-web). Repeatable and idempotent: a platform library owns
-- no version number, so it never collides with the service's own V<n> migrations.
CREATE TABLE IF NOT EXISTS platform_idempotency_record (
    idempotency_key varchar(128) NOT NULL,
    caller          text         NOT NULL,
    method          varchar(32)  NOT NULL,
    path            text         NOT NULL,
    request_hash    bytea        NOT NULL,
    status          integer,
    content_type    text,
    body            bytea,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    PRIMARY KEY (caller, idempotency_key)
);

COMMENT ON COLUMN platform_idempotency_record.path IS 'raw path and query of the first request';
COMMENT ON COLUMN platform_idempotency_record.request_hash IS 'SHA-256 of the first request body';
COMMENT ON COLUMN platform_idempotency_record.completed_at IS 'null while the first request runs';

CREATE INDEX IF NOT EXISTS platform_idempotency_record_created_at ON platform_idempotency_record (created_at);
