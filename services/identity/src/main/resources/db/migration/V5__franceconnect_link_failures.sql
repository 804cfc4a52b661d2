-- Wrong NIRs typed to link a FranceConnect identity: counted per identity, which is locked after a few
-- (fr.cpa.identity.domain.LinkAttempts). Only the FranceConnect subject is kept, never the NIRs tried.
CREATE TABLE franceconnect_link_failure (
    franceconnect_id  varchar(255) PRIMARY KEY,   -- the identity's subject at FranceConnect
    failures          integer      NOT NULL CHECK (failures >= 0),  -- since the last lock
    last_failed_at    timestamptz  NOT NULL,
    locked_until      timestamptz
);
