-- Registration, sign-ups, tickets and check-in (issue: registration, seats,
-- waiting lists, QR tickets and check-in). postgres/0003 is the same schema
-- with TIMESTAMPTZ and BYTEA. The rules that concurrency could break live
-- here, not in Go: one registration per email per edition, one sign-up per
-- attendee and activity, one ticket in force per attendee, one admission per
-- attendee and place, an invitation never used beyond its seats.

-- Secrets every node shares, made on first use (the ticket-signing key).
CREATE TABLE secrets (
    name       TEXT PRIMARY KEY,
    value      BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE invitations (
    id         TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    kinds      TEXT NOT NULL, -- comma-separated attendee kinds it admits
    seats      INTEGER NOT NULL CHECK (seats > 0),
    used       INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= seats),
    label      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (event_id, code)
);

CREATE TABLE attendees (
    id            TEXT PRIMARY KEY,
    event_id      TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    email         TEXT NOT NULL,
    name          TEXT NOT NULL,
    phone         TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT '',
    country       TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL CHECK (kind IN ('attendee', 'guest', 'media', 'staff', 'exhibitor')),
    invitation_id TEXT REFERENCES invitations (id),
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMP NOT NULL,
    revoked_at    TIMESTAMP, -- set when the secretariat withdraws the registration
    UNIQUE (event_id, email)
);

-- A reissued ticket replaces the old one, which stays as a revoked row so
-- that its code is refused as revoked rather than unknown.
CREATE TABLE tickets (
    id          TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    issued_at   TIMESTAMP NOT NULL,
    revoked_at  TIMESTAMP
);
CREATE UNIQUE INDEX tickets_in_force ON tickets (attendee_id) WHERE revoked_at IS NULL;

-- One row per activity that has sign-ups: the seats taken, the length of
-- the waiting list and the arrival counter. Every sign-up updates this row first, which serialises the
-- sign-ups of one activity (a row lock on PostgreSQL, the single writer on
-- SQLite) without a read-then-write anywhere.
CREATE TABLE seat_counters (
    activity_id TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    confirmed   INTEGER NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
    waiting     INTEGER NOT NULL DEFAULT 0 CHECK (waiting >= 0), -- so a new place on the waiting list is known without counting it
    arrivals    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE signups (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted')),
    arrival     BIGINT NOT NULL, -- order of signing up; the waiting list is ordered by it
    created_at  TIMESTAMP NOT NULL,
    promoted_at TIMESTAMP,
    PRIMARY KEY (activity_id, attendee_id)
);
CREATE INDEX signups_queue ON signups (activity_id, status, arrival);
CREATE INDEX signups_attendee ON signups (attendee_id);
CREATE INDEX signups_event ON signups (event_id, activity_id);

-- place is '' for the gate of the edition, else the activity's id.
CREATE TABLE checkins (
    attendee_id TEXT NOT NULL REFERENCES attendees (id) ON DELETE CASCADE,
    place       TEXT NOT NULL,
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ticket_id   TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    at          TIMESTAMP NOT NULL,
    staff       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (attendee_id, place)
);
CREATE INDEX checkins_event ON checkins (event_id, place);

CREATE TABLE staff_tokens (
    id         TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('checkin', 'admin')),
    label      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
