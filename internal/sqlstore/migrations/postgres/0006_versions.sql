-- Drafts and published versions (issue: administration …).
-- The tables of the program are the working copy the secretariat and the
-- hosts edit; the public sees the last published version, kept whole as a
-- JSON snapshot with the changes since the version before (its changelog).
-- published_version 0 means never published: the edition is not public yet.
-- Editions that exist before this migration are published as version 1 by
-- the migration's Go step (Migrate), since SQL cannot build the snapshot.
-- Each editable row carries a version for optimistic concurrency: a form or
-- an API write names the version it read and fails if it moved on.
-- sqlite/0006 is the same with the other timestamp type.
ALTER TABLE events ADD COLUMN published_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE organisations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE rooms ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE releases ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE TABLE program_versions (
    event_id     TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    number       BIGINT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    published_by TEXT NOT NULL,
    snapshot     TEXT NOT NULL,
    changes      TEXT NOT NULL,
    PRIMARY KEY (event_id, number)
);
