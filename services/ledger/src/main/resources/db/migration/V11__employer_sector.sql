-- Who declared: a public employer's declaration makes its year a public-service year, whatever the holder told
-- (ordonnance 2017-53). The sector comes from the employer client's claim employer_sector, never from a body. For a
-- public employer the declaration also gives the agent's category (A, B, C: category C agents without a level-3
-- qualification earn more) and whether the post is of reduced duration (temps non complet): only such a post is
-- prorated, part-time work on a full post counts as full time (décret 2017-928, art. 2).
ALTER TABLE declaration
    ADD COLUMN employer_sector varchar(10) NOT NULL DEFAULT 'PRIVATE',
    ADD COLUMN public_category char(1),
    ADD COLUMN reduced_duration_post boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT declaration_employer_sector CHECK (employer_sector IN ('PRIVATE', 'PUBLIC')),
    ADD CONSTRAINT declaration_public_category CHECK (public_category IN ('A', 'B', 'C')),
    ADD CONSTRAINT declaration_public_post_of_public_employers
        CHECK (employer_sector = 'PUBLIC' OR (public_category IS NULL AND NOT reduced_duration_post));

ALTER TABLE declaration_batch
    ADD COLUMN employer_sector varchar(10) NOT NULL DEFAULT 'PRIVATE',
    ADD CONSTRAINT declaration_batch_employer_sector CHECK (employer_sector IN ('PRIVATE', 'PUBLIC'));
