-- Training applications (dossiers de formation) and what they depend on. Amounts are euro cents, durations minutes.

-- What identity announced of each holder (HolderRegistered, HolderProfileChanged): who their employer is, whether they
-- are a job seeker (no contribution), whether they want mails. Contact details stay in identity.
CREATE TABLE holder_profile (
    holder_id           uuid        PRIMARY KEY,
    person_key          text        NOT NULL,
    employment_status   varchar(20),
    workplace_siret     char(14)    CHECK (workplace_siret ~ '^[0-9]{14}$'),
    email_notifications boolean     NOT NULL DEFAULT true,
    closed              boolean     NOT NULL DEFAULT false,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX holder_profile_person ON holder_profile (person_key);

CREATE TABLE application (
    id                   uuid         PRIMARY KEY,
    holder_id            uuid         NOT NULL,
    person_key           text         NOT NULL,
    state                varchar(30)  NOT NULL,
    -- The catalogue's offer, action and session, and what they said when the holder applied.
    offer_id             uuid         NOT NULL,
    action_id            uuid         NOT NULL,
    session_id           uuid         NOT NULL,
    organisation_siret   char(14)     NOT NULL,
    organisation_name    text         NOT NULL,
    organisation_email   text,
    certification_code   text         NOT NULL,
    title                text         NOT NULL,
    cec_only             boolean      NOT NULL,
    starts_on            date         NOT NULL,
    ends_on              date         NOT NULL,
    duration_minutes     bigint       NOT NULL CHECK (duration_minutes > 0),
    price_cents          bigint       NOT NULL CHECK (price_cents >= 0),
    -- NONE, PARTLY or WHOLLY in working time: the employer authorises the absence when not NONE.
    working_time         varchar(10)  NOT NULL CHECK (working_time IN ('NONE', 'PARTLY', 'WHOLLY')),
    -- The rights the holder consents to use.
    use_cpf              boolean      NOT NULL,
    use_cec              boolean      NOT NULL,
    cpp_points           int          NOT NULL DEFAULT 0 CHECK (cpp_points >= 0),
    -- Who applies, as their token said when they last acted on it: the organisation needs it, mails go there.
    applicant_name       text         NOT NULL,
    applicant_email      text,
    -- The latest funding plan (FundingPlan as JSON), the ledger's funds it was computed from (AvailableFunds: the
    -- holder's own balances, which only the holder is shown), and when.
    plan                 jsonb        NOT NULL,
    funds                jsonb        NOT NULL,
    plan_computed_at     timestamptz  NOT NULL,
    -- The organisation's proposal (dates, price), which the holder confirms.
    proposed_on          date,
    proposal_message     text,
    -- The employer's authorisation of the absence (working time only): PENDING, AUTHORISED, AUTHORISED_BY_SILENCE,
    -- REFUSED; NOT_NEEDED outside working time.
    employer_siret       char(14),
    employer_status      varchar(25)  NOT NULL,
    employer_requested_on date,
    employer_answer_due  date,
    employer_decided_at  timestamptz,
    -- The day the current step must be done by (the organisation's answer, the holder's confirmation, the entry...).
    due_on               date,
    -- Paid by the holder at confirmation: the contribution (participation obligatoire) and any remainder.
    holder_payment_cents bigint       NOT NULL DEFAULT 0 CHECK (holder_payment_cents >= 0),
    contribution_cents   bigint       NOT NULL DEFAULT 0 CHECK (contribution_cents >= 0),
    seat_booked          boolean      NOT NULL DEFAULT false,
    -- What the ledger held, debited, released and gave back to funders, as it answered.
    reserved_cpf_cents   bigint       NOT NULL DEFAULT 0,
    reserved_cec_cents   bigint       NOT NULL DEFAULT 0,
    debited_cpf_cents    bigint       NOT NULL DEFAULT 0,
    debited_cec_cents    bigint       NOT NULL DEFAULT 0,
    released_cpf_cents   bigint       NOT NULL DEFAULT 0,
    released_cec_cents   bigint       NOT NULL DEFAULT 0,
    top_ups_returned_cents bigint     NOT NULL DEFAULT 0,
    payment_refusal      varchar(30),
    -- The organisation's declarations.
    entered_on           date,
    attended_minutes     bigint       CHECK (attended_minutes >= 0),
    completion_reason    varchar(30),
    completed_on         date,
    validated_on         date,
    paid_on              date,
    paid_cents           bigint,
    ended_reason         text,
    forfeited            boolean      NOT NULL DEFAULT false,
    submitted_at         timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL,
    version              int          NOT NULL DEFAULT 0,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX application_holder ON application (holder_id, submitted_at DESC);
CREATE INDEX application_organisation ON application (organisation_siret, state, submitted_at DESC);
CREATE INDEX application_employer ON application (employer_siret, employer_status) WHERE employer_siret IS NOT NULL;
CREATE INDEX application_due ON application (due_on) WHERE due_on IS NOT NULL;
CREATE INDEX application_employer_due ON application (employer_answer_due) WHERE employer_status = 'PENDING';

-- Every step of an application: who, when, why. Append-only.
CREATE TABLE application_transition (
    id             bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id uuid         NOT NULL REFERENCES application (id),
    from_state     varchar(30),
    to_state       varchar(30)  NOT NULL,
    at             timestamptz  NOT NULL,
    -- HOLDER, ORGANISATION, EMPLOYER, FUNDER, ADVISOR, OPERATOR, LEDGER or SCHEDULER, and its id (holder id,
    -- SIRET, client id).
    actor          varchar(20)  NOT NULL,
    actor_id       text,
    reason         text         NOT NULL
);
CREATE INDEX application_transition_application ON application_transition (application_id, id);
CREATE FUNCTION application_transition_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'application_transition is append-only';
END $$;
CREATE TRIGGER application_transition_append_only BEFORE UPDATE OR DELETE ON application_transition
    FOR EACH ROW EXECUTE FUNCTION application_transition_append_only();

-- Seats of a catalogue session held by confirmed applications. The enrolment service is the authority for bookings;
-- capacity follows the catalogue. A booking is one conditional UPDATE (booked < capacity), so concurrent
-- confirmations queue on the row and never overbook.
CREATE TABLE session_seat (
    session_id uuid    PRIMARY KEY,
    offer_id   uuid    NOT NULL,
    capacity   int     NOT NULL CHECK (capacity >= 0),
    booked     int     NOT NULL DEFAULT 0 CHECK (booked >= 0),
    version    bigint  NOT NULL DEFAULT 0
);
CREATE INDEX session_seat_offer ON session_seat (offer_id);

-- A holder's (or their advisor's) request to a funder for a top-up of one application.
CREATE TABLE top_up_request (
    id              uuid         PRIMARY KEY,
    application_id  uuid         NOT NULL REFERENCES application (id),
    -- A funder's client id, or the employer by SIRET.
    funder_client   varchar(100),
    funder_siret    char(14),
    amount_cents    bigint       NOT NULL CHECK (amount_cents > 0),
    message         text,
    status          varchar(20)  NOT NULL CHECK (status IN ('PENDING', 'ANSWERED', 'DECLINED', 'WITHDRAWN')),
    requested_by    varchar(20)  NOT NULL,
    requested_by_id text,
    answer          text,
    top_up_id       uuid,
    created_at      timestamptz  NOT NULL,
    answered_at     timestamptz,
    CHECK ((funder_client IS NULL) <> (funder_siret IS NULL))
);
CREATE INDEX top_up_request_application ON top_up_request (application_id);
CREATE INDEX top_up_request_funder ON top_up_request (funder_client, status) WHERE funder_client IS NOT NULL;
CREATE INDEX top_up_request_employer ON top_up_request (funder_siret, status) WHERE funder_siret IS NOT NULL;

-- Top-ups the ledger announced for an application (ApplicationToppedUp).
CREATE TABLE application_top_up (
    top_up_id      uuid         PRIMARY KEY,
    application_id uuid         NOT NULL REFERENCES application (id),
    funder_client  varchar(100) NOT NULL,
    funder_type    varchar(30)  NOT NULL,
    funder_name    text         NOT NULL,
    amount_cents   bigint       NOT NULL CHECK (amount_cents > 0),
    received_at    timestamptz  NOT NULL
);
CREATE INDEX application_top_up_application ON application_top_up (application_id);

-- Where organisations and employers want their mails (they are machine clients without an address of their own).
CREATE TABLE partner_contact (
    siret      char(14)    PRIMARY KEY,
    email      text        NOT NULL,
    updated_at timestamptz NOT NULL
);
