-- The technology-transfer matchmaking fair (issue 5): participants, their
-- achievements and needs, meeting requests and the schedule of 1:1 meetings.
-- postgres/0008 is the same schema with TIMESTAMPTZ. The rules concurrency
-- could break live here: one request per pair of participants (whoever asks
-- first), one participant per attendee and fair, one meeting per table and
-- slot. fairs.version is bumped by every organiser write, which names the
-- version it read, so a stale write is refused.
CREATE TABLE fairs (
    activity_id         TEXT PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    event_id            TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    starts_at           TIMESTAMP NOT NULL,
    afternoon_starts_at TIMESTAMP,
    slot_minutes        INTEGER NOT NULL CHECK (slot_minutes > 0),
    slots               INTEGER NOT NULL CHECK (slots BETWEEN 1 AND 64),
    morning_slots       INTEGER NOT NULL CHECK (morning_slots BETWEEN 0 AND slots),
    tables              INTEGER NOT NULL CHECK (tables > 0),
    version             BIGINT NOT NULL DEFAULT 1,
    scheduled_at        TIMESTAMP,
    published_at        TIMESTAMP,
    sample              BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX fairs_event ON fairs (event_id);

CREATE TABLE fair_participants (
    id              TEXT PRIMARY KEY,
    activity_id     TEXT NOT NULL REFERENCES fairs (activity_id) ON DELETE CASCADE,
    attendee_id     TEXT REFERENCES attendees (id) ON DELETE SET NULL,
    org_zh          TEXT NOT NULL DEFAULT '',
    org_en          TEXT NOT NULL DEFAULT '',
    contact_name    TEXT NOT NULL,
    contact_email   TEXT NOT NULL,
    contact_phone   TEXT NOT NULL DEFAULT '',
    side            TEXT NOT NULL CHECK (side IN ('supply', 'demand', 'both')),
    availability    TEXT NOT NULL CHECK (availability IN ('morning', 'afternoon', 'both')),
    unavailable     TEXT NOT NULL DEFAULT '', -- comma-separated slots
    sample          BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (activity_id, attendee_id)
);

CREATE TABLE fair_achievements (
    id             TEXT PRIMARY KEY,
    activity_id    TEXT NOT NULL REFERENCES fairs (activity_id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES fair_participants (id) ON DELETE CASCADE,
    title_zh       TEXT NOT NULL DEFAULT '',
    title_en       TEXT NOT NULL DEFAULT '',
    summary_zh     TEXT NOT NULL DEFAULT '',
    summary_en     TEXT NOT NULL DEFAULT '',
    field          TEXT NOT NULL,
    trl            INTEGER NOT NULL CHECK (trl BETWEEN 1 AND 9),
    ip_type        TEXT NOT NULL,
    transfer_mode  TEXT NOT NULL,
    sample         BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX fair_achievements_activity ON fair_achievements (activity_id);

CREATE TABLE fair_needs (
    id             TEXT PRIMARY KEY,
    activity_id    TEXT NOT NULL REFERENCES fairs (activity_id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES fair_participants (id) ON DELETE CASCADE,
    title_zh       TEXT NOT NULL DEFAULT '',
    title_en       TEXT NOT NULL DEFAULT '',
    summary_zh     TEXT NOT NULL DEFAULT '',
    summary_en     TEXT NOT NULL DEFAULT '',
    field          TEXT NOT NULL,
    min_trl        INTEGER NOT NULL CHECK (min_trl BETWEEN 1 AND 9),
    budget_min     BIGINT NOT NULL DEFAULT 0,
    budget_max     BIGINT NOT NULL DEFAULT 0,
    region         TEXT NOT NULL DEFAULT '',
    sample         BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX fair_needs_activity ON fair_needs (activity_id);

-- pair_lo and pair_hi are the two participant ids in order, so that a
-- request from A to B and one from B to A collide on the same key.
CREATE TABLE fair_meetings (
    id             TEXT PRIMARY KEY,
    activity_id    TEXT NOT NULL REFERENCES fairs (activity_id) ON DELETE CASCADE,
    from_id        TEXT NOT NULL REFERENCES fair_participants (id) ON DELETE CASCADE,
    to_id          TEXT NOT NULL REFERENCES fair_participants (id) ON DELETE CASCADE,
    pair_lo        TEXT NOT NULL,
    pair_hi        TEXT NOT NULL,
    achievement_id TEXT REFERENCES fair_achievements (id) ON DELETE SET NULL,
    need_id        TEXT REFERENCES fair_needs (id) ON DELETE SET NULL,
    status         TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'declined')),
    fixed_slot     INTEGER NOT NULL DEFAULT 0,
    slot           INTEGER NOT NULL DEFAULT 0,
    table_no       INTEGER NOT NULL DEFAULT 0,
    outcome        TEXT NOT NULL DEFAULT 'none' CHECK (outcome IN ('none', 'intention', 'contract')),
    amount_cny     BIGINT NOT NULL DEFAULT 0 CHECK (amount_cny >= 0),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    CHECK (from_id <> to_id),
    UNIQUE (activity_id, pair_lo, pair_hi)
);
CREATE INDEX fair_meetings_from ON fair_meetings (from_id);
CREATE INDEX fair_meetings_to ON fair_meetings (to_id);
-- a table holds one meeting per slot (table_no 0 = not scheduled)
CREATE UNIQUE INDEX fair_meetings_table ON fair_meetings (activity_id, slot, table_no) WHERE table_no > 0;
