-- Participants edit and withdraw what they posted (issue 5). Participants,
-- achievements and needs get a row version, which every edit names (a stale
-- one is refused), and withdrawn_at: a withdrawal keeps the row for the audit
-- log and the outcomes and hides it from listings and suggestions. A meeting
-- request or meeting a withdrawal closes becomes 'cancelled', which needs a
-- new CHECK, hence the rebuild of fair_meetings (the same steps as
-- SQLite, which cannot alter a CHECK). sqlite/0009 is the same with TIMESTAMP.
ALTER TABLE fair_participants ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE fair_participants ADD COLUMN withdrawn_at TIMESTAMPTZ;
ALTER TABLE fair_achievements ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE fair_achievements ADD COLUMN withdrawn_at TIMESTAMPTZ;
ALTER TABLE fair_needs ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE fair_needs ADD COLUMN withdrawn_at TIMESTAMPTZ;

CREATE TABLE fair_meetings_v9 (
    id             TEXT PRIMARY KEY,
    activity_id    TEXT NOT NULL REFERENCES fairs (activity_id) ON DELETE CASCADE,
    from_id        TEXT NOT NULL REFERENCES fair_participants (id) ON DELETE CASCADE,
    to_id          TEXT NOT NULL REFERENCES fair_participants (id) ON DELETE CASCADE,
    pair_lo        TEXT NOT NULL,
    pair_hi        TEXT NOT NULL,
    achievement_id TEXT REFERENCES fair_achievements (id) ON DELETE SET NULL,
    need_id        TEXT REFERENCES fair_needs (id) ON DELETE SET NULL,
    status         TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'declined', 'cancelled')),
    fixed_slot     INTEGER NOT NULL DEFAULT 0,
    slot           INTEGER NOT NULL DEFAULT 0,
    table_no       INTEGER NOT NULL DEFAULT 0,
    outcome        TEXT NOT NULL DEFAULT 'none' CHECK (outcome IN ('none', 'intention', 'contract')),
    amount_cny     BIGINT NOT NULL DEFAULT 0 CHECK (amount_cny >= 0),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CHECK (from_id <> to_id),
    UNIQUE (activity_id, pair_lo, pair_hi)
);
INSERT INTO fair_meetings_v9 (id, activity_id, from_id, to_id, pair_lo, pair_hi, achievement_id, need_id, status, fixed_slot, slot, table_no, outcome, amount_cny, created_at, updated_at)
    SELECT id, activity_id, from_id, to_id, pair_lo, pair_hi, achievement_id, need_id, status, fixed_slot, slot, table_no, outcome, amount_cny, created_at, updated_at
    FROM fair_meetings;
DROP TABLE fair_meetings;
ALTER TABLE fair_meetings_v9 RENAME TO fair_meetings;
CREATE INDEX fair_meetings_from ON fair_meetings (from_id);
CREATE INDEX fair_meetings_to ON fair_meetings (to_id);
-- a table holds one meeting per slot (table_no 0 = not scheduled)
CREATE UNIQUE INDEX fair_meetings_table ON fair_meetings (activity_id, slot, table_no) WHERE table_no > 0;
