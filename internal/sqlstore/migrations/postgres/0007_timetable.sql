-- Timetabling (issue 3): theme-day membership and declared interests.
-- A theme day lists the activities that belong to it: an activity of the
-- day's theme may legitimately run on another day, so membership is
-- declared, never inferred from themes. An activity belongs to at most one
-- theme day; removing the activity removes its membership.
-- Declared interests are what attendees said they want to attend (a survey,
-- the sample data), keyed by a free attendee key so that people who have not
-- registered can be counted; the scheduler adds the sign-ups (signups) to
-- them. sqlite/0007 is the same (no timestamps here).
CREATE TABLE theme_day_activities (
    activity_id TEXT NOT NULL PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    day         TEXT NOT NULL
);
CREATE INDEX theme_day_activities_event ON theme_day_activities (event_id, day);

CREATE TABLE interests (
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    attendee    TEXT NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, attendee, activity_id)
);
CREATE INDEX interests_activity ON interests (activity_id);
