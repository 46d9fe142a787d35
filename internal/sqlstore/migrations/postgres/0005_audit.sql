-- The audit log (issue: administration …): one row per administrative
-- change, written in the change's own transaction. event_id is NULL for
-- changes outside an edition (accounts); it is not a foreign key, so the
-- record outlives what it describes. before and after are JSON text.
-- sqlite/0005 is the same with the other timestamp type.
CREATE TABLE audit_log (
    id       TEXT PRIMARY KEY, -- UUIDv7: ordered by time
    at       TIMESTAMPTZ NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    event_id TEXT,
    subject  TEXT NOT NULL DEFAULT '',
    before   TEXT,
    after    TEXT
);
CREATE INDEX audit_log_event ON audit_log (event_id, id);
