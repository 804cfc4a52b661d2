-- Seats of each session taken by confirmed training applications, as the enrolment service announces them
-- (SessionSeatsChanged on cpa.enrolment.sessions): absolute numbers, and the version of the last change applied, so
-- a redelivered or late event never brings an older count back. Apart from offer_session, which an organisation's
-- replacement of its offer rewrites.
CREATE TABLE session_seats (
    session_id uuid        PRIMARY KEY,
    offer_id   uuid        NOT NULL,
    booked     int         NOT NULL CHECK (booked >= 0),
    version    bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
