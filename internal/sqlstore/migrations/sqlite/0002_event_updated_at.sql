-- When the program of an edition last changed: the Last-Modified of its feeds
-- (calendar.ics, schedule.xml, schedule.json). Set from Go by every write of
-- the program. Rows that exist before this migration get the moment of the
-- migration: the change is unknown, and a later instant only makes clients
-- revalidate once, never keeps a stale copy. postgres/0002 is the same with
-- TIMESTAMPTZ.
ALTER TABLE events ADD COLUMN updated_at TIMESTAMP;
UPDATE events SET updated_at = CURRENT_TIMESTAMP WHERE updated_at IS NULL;
