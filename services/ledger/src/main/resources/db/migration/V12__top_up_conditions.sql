-- Conditions a funder may set on its top-up (décret 2025-341): a date after which its unused part lapses, and
-- whether unused money goes back to it or stays with the holder as their own rights. What stays is "kept": it leaves
-- topped_up (and earmarked) without leaving the balance. The corrective top-up (L. 6323-13) is the holder's: kept.
ALTER TABLE top_up
    ADD COLUMN lapses_on date,
    ADD COLUMN returns_unused boolean NOT NULL DEFAULT true,
    ADD COLUMN kept bigint NOT NULL DEFAULT 0 CHECK (kept >= 0),
    DROP CONSTRAINT top_up_settled_within,
    ADD CONSTRAINT top_up_settled_within CHECK (used + returned + kept + held <= amount),
    ADD CONSTRAINT top_up_kept_only_when_not_returned CHECK (returns_unused = false OR kept = 0);
CREATE INDEX top_up_lapsing ON top_up (lapses_on) WHERE lapses_on IS NOT NULL;
