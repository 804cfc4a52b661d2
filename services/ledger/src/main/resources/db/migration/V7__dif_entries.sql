-- Former DIF hours (droit individuel à la formation) entered by the holder on their CPF: one figure per person,
-- editable until first used, with the employer's statement that justifies it. The journal holds the money (a
-- DIF_ENTRY, then a CORRECTION per change); this row holds what was entered and the file.
CREATE TABLE dif_entry (
    account_id          uuid         PRIMARY KEY REFERENCES account (id),   -- the person's CPF
    hundredths_of_hour  bigint       NOT NULL CHECK (hundredths_of_hour >= 0),   -- as entered: 12.5 h = 1250
    minutes             bigint       NOT NULL CHECK (minutes >= 0),             -- rounded half up to the minute
    revision            int          NOT NULL DEFAULT 1,                        -- + 1 when the figure changes
    justification       bytea        NOT NULL,
    justification_type  varchar(30)  NOT NULL,     -- application/pdf, image/png or image/jpeg, read from its bytes
    justification_name  varchar(255),
    first_entered_at    timestamptz  NOT NULL DEFAULT now(),   -- reservations after it "use" the DIF
    updated_at          timestamptz  NOT NULL DEFAULT now()
);
