-- The program of an edition (issue: the program of an edition).
-- postgres/0001_program.sql is the same schema; only the timestamp type differs (TIMESTAMPTZ there).

CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name_zh       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    theme_zh      TEXT NOT NULL DEFAULT '',
    theme_en      TEXT NOT NULL DEFAULT '',
    city_zh       TEXT NOT NULL DEFAULT '',
    city_en       TEXT NOT NULL DEFAULT '',
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    time_zone     TEXT NOT NULL,
    previous_slug TEXT NOT NULL DEFAULT '',
    version       BIGINT NOT NULL DEFAULT 1,
    CHECK (end_date >= start_date)
);

CREATE TABLE sections (
    id       TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    slug     TEXT NOT NULL,
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (event_id, slug)
);

CREATE TABLE organisations (
    id      TEXT PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    short_zh TEXT NOT NULL DEFAULT '',
    short_en TEXT NOT NULL DEFAULT '',
    kind    TEXT NOT NULL CHECK (kind IN ('ministry', 'agency', 'local-government', 'academy', 'university',
        'research-institute', 'enterprise', 'international-organization', 'association', 'media')),
    country TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    sample  BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE people (
    id             TEXT PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    name_zh        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    position_zh    TEXT NOT NULL DEFAULT '',
    position_en    TEXT NOT NULL DEFAULT '',
    affiliation_zh TEXT NOT NULL DEFAULT '',
    affiliation_en TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    sample         BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE person_honours (
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    honour    TEXT NOT NULL CHECK (honour IN ('turing-award', 'fields-medal', 'nobel-prize', 'wolf-prize',
        'academician-cas', 'academician-cae', 'foreign-academician')),
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (person_id, honour)
);

CREATE TABLE venues (
    id         TEXT PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    address_zh TEXT NOT NULL DEFAULT '',
    address_en TEXT NOT NULL DEFAULT '',
    sample     BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE rooms (
    id       TEXT PRIMARY KEY,
    venue_id TEXT NOT NULL REFERENCES venues (id),
    slug     TEXT NOT NULL UNIQUE,
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    sample   BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE themes (
    id      TEXT PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE theme_days (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    day      TEXT NOT NULL,
    theme_id TEXT NOT NULL REFERENCES themes (id),
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    PRIMARY KEY (event_id, day, theme_id)
);

CREATE TABLE activities (
    id                   TEXT PRIMARY KEY,
    event_id             TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    section_id           TEXT NOT NULL REFERENCES sections (id),
    slug                 TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('opening', 'plenary', 'parallel-forum', 'release',
        'matchmaking', 'competition', 'supporting')),
    title_zh             TEXT NOT NULL,
    title_en             TEXT NOT NULL,
    summary_zh           TEXT NOT NULL DEFAULT '',
    summary_en           TEXT NOT NULL DEFAULT '',
    series               TEXT NOT NULL DEFAULT '',
    orientation          TEXT NOT NULL DEFAULT '' CHECK (orientation IN ('', 'frontier', 'economy',
        'national-needs', 'health')),
    room_id              TEXT REFERENCES rooms (id),
    starts_at            TIMESTAMP,
    ends_at              TIMESTAMP,
    capacity             INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    languages            TEXT NOT NULL DEFAULT '',
    interpretation       BOOLEAN NOT NULL DEFAULT FALSE,
    livestream_url       TEXT NOT NULL DEFAULT '',
    livestream_starts_at TIMESTAMP,
    status               TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
    sample               BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (event_id, slug),
    CHECK (ends_at > starts_at)
);
CREATE INDEX activities_event_start ON activities (event_id, starts_at);

CREATE TABLE activity_themes (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    theme_id    TEXT NOT NULL REFERENCES themes (id),
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (activity_id, theme_id)
);

CREATE TABLE activity_hosts (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    org_id      TEXT NOT NULL REFERENCES organisations (id),
    role        TEXT NOT NULL CHECK (role IN ('host', 'organiser', 'co-organiser', 'supporter')),
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (activity_id, org_id, role)
);
CREATE INDEX activity_hosts_org ON activity_hosts (org_id);

CREATE TABLE activity_speakers (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    person_id   TEXT NOT NULL REFERENCES people (id),
    role        TEXT NOT NULL CHECK (role IN ('keynote', 'speaker', 'moderator', 'panelist')),
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (activity_id, person_id)
);
CREATE INDEX activity_speakers_person ON activity_speakers (person_id);

CREATE TABLE releases (
    id            TEXT PRIMARY KEY,
    event_id      TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    activity_id   TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    slug          TEXT NOT NULL,
    title_zh      TEXT NOT NULL,
    title_en      TEXT NOT NULL,
    summary_zh    TEXT NOT NULL DEFAULT '',
    summary_en    TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT '',
    publisher_id  TEXT NOT NULL REFERENCES organisations (id),
    embargo_until TIMESTAMP,
    sample        BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (event_id, slug)
);
CREATE INDEX releases_activity ON releases (activity_id);
