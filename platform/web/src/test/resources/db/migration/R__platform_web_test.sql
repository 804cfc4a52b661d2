-- Side effects of the test resources, counted by the idempotency tests.
CREATE TABLE IF NOT EXISTS platform_web_test_effect (
    id         bigserial   PRIMARY KEY,
    ref        text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS platform_web_test_effect_ref ON platform_web_test_effect (ref);
