-- Tables of the platform webhooks library: partners' subscriptions, the deliveries queued for them (Webhooks.enqueue
-- writes them in the transaction of the change that causes them; WebhookDispatcher POSTs them) and the log of every
-- attempt. A repeatable migration, run in every service's database after its versioned ones: it must stay idempotent
-- (IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS platform_webhook_subscription (
    id                    uuid          PRIMARY KEY,
    owner                 varchar(100)  NOT NULL,   -- the partner's key, opaque here: a SIRET, a client id
    url                   varchar(2000) NOT NULL,
    event_types           text[]        NOT NULL CHECK (cardinality(event_types) > 0),
    -- The signing secret sealed with AES-256-GCM under cpa.webhooks.secret-key (key version, nonce, ciphertext and
    -- tag; the subscription id is authenticated with it). Never the secret in clear; null once deactivated.
    secret                bytea,
    -- The secret before the last rotation, still signing alongside the new one until previous_secret_until.
    previous_secret       bytea,
    previous_secret_until timestamptz,
    active                boolean       NOT NULL DEFAULT true,
    created_at            timestamptz   NOT NULL DEFAULT now(),
    secret_rotated_at     timestamptz,
    deactivated_at        timestamptz,
    -- The Idempotency-Key of the creation and a SHA-256 of what it asked, so a retry gets the first answer; cleared
    -- a day later and at the first rotation.
    creation_key          varchar(128),
    creation_hash         bytea
);

CREATE INDEX IF NOT EXISTS platform_webhook_subscription_owner
    ON platform_webhook_subscription (owner, created_at) WHERE active;
CREATE UNIQUE INDEX IF NOT EXISTS platform_webhook_subscription_creation
    ON platform_webhook_subscription (owner, creation_key) WHERE creation_key IS NOT NULL;

CREATE TABLE IF NOT EXISTS platform_webhook_delivery (
    id               uuid         PRIMARY KEY,
    subscription_id  uuid         NOT NULL REFERENCES platform_webhook_subscription (id),
    event_id         varchar(100) NOT NULL,   -- the webhook-id header: the same for a replay, so receivers dedupe
    event_type       varchar(100) NOT NULL,
    body             text         NOT NULL,   -- the JSON POSTed, exactly as signed
    replay           boolean      NOT NULL DEFAULT false,
    replay_of        uuid,                    -- the delivery replayed (no foreign key: the purge may remove it)
    status           varchar(10)  NOT NULL DEFAULT 'PENDING'
                     CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
    attempts         int          NOT NULL DEFAULT 0,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    next_attempt_at  timestamptz  NOT NULL DEFAULT now(),
    first_attempt_at timestamptz,             -- cpa.webhooks.give-up-after counts from it
    last_attempt_at  timestamptz,
    ended_at         timestamptz              -- delivered, failed or cancelled at
);

-- A domain event enqueued twice (a redelivered message) gives one delivery per subscription; replays are apart.
CREATE UNIQUE INDEX IF NOT EXISTS platform_webhook_delivery_once
    ON platform_webhook_delivery (subscription_id, event_id) WHERE NOT replay;
-- What the dispatcher reads.
CREATE INDEX IF NOT EXISTS platform_webhook_delivery_due
    ON platform_webhook_delivery (next_attempt_at, id) WHERE status = 'PENDING';
-- A subscription's deliveries, newest first.
CREATE INDEX IF NOT EXISTS platform_webhook_delivery_subscription
    ON platform_webhook_delivery (subscription_id, created_at DESC, id);
-- What the purge reads.
CREATE INDEX IF NOT EXISTS platform_webhook_delivery_ended
    ON platform_webhook_delivery (ended_at) WHERE ended_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS platform_webhook_attempt (
    id               bigserial    PRIMARY KEY,
    delivery_id      uuid         NOT NULL REFERENCES platform_webhook_delivery (id) ON DELETE CASCADE,
    at               timestamptz  NOT NULL,
    status_code      int,                     -- the receiver's HTTP status; null when it gave none
    error            varchar(100),            -- the failure's class (ConnectException...), never its message
    duration_ms      int          NOT NULL,
    response_excerpt varchar(200)             -- at most the first 200 characters of the receiver's answer
);

CREATE INDEX IF NOT EXISTS platform_webhook_attempt_delivery ON platform_webhook_attempt (delivery_id, id);
