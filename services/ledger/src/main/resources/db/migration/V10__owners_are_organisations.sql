-- What a funder or a certifier owns belongs to its organisation (the `organisation` claim its client's configuration
-- sets), so that the clients of one organisation share it and two organisations never do.
ALTER TABLE top_up ADD COLUMN funder_organisation varchar(100);
-- Rows written before: their client was their only owner (employers': the SIRET is not kept, their client stands in).
UPDATE top_up SET funder_organisation = funder_client_id WHERE funder_organisation IS NULL;
ALTER TABLE top_up ALTER COLUMN funder_organisation SET NOT NULL;
COMMENT ON COLUMN top_up.funder_client_id IS 'the client that made the top-up (an audit fact, not its owner)';
CREATE INDEX top_up_organisation ON top_up (funder_organisation, id);

COMMENT ON COLUMN cec_declaration.declarer IS 'the certifying body: its organisation claim (client id before V10)';
