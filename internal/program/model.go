// Package program is the catalogue of an edition: its sections, activities,
// hosts, speakers, rooms and releases, and the figures computed from them.
// It knows no HTTP and no SQL; storage sits behind the Store interface.
package program

import "time"

// ActivityKind says what a program item is.
type ActivityKind string

const (
	KindOpening       ActivityKind = "opening"
	KindPlenary       ActivityKind = "plenary"
	KindParallelForum ActivityKind = "parallel-forum"
	KindRelease       ActivityKind = "release"
	KindMatchmaking   ActivityKind = "matchmaking"
	KindCompetition   ActivityKind = "competition"
	KindSupporting    ActivityKind = "supporting"
)

// ActivityKinds lists the kinds in the order pages and figures show them.
var ActivityKinds = []ActivityKind{KindOpening, KindPlenary, KindParallelForum, KindRelease, KindMatchmaking, KindCompetition, KindSupporting}

// OrgKind classifies an organisation; "ministries and national agencies" in the
// press figures are the kinds ministry and agency.
type OrgKind string

const (
	OrgMinistry          OrgKind = "ministry"
	OrgAgency            OrgKind = "agency"
	OrgLocalGovernment   OrgKind = "local-government"
	OrgAcademy           OrgKind = "academy"
	OrgUniversity        OrgKind = "university"
	OrgResearchInstitute OrgKind = "research-institute"
	OrgEnterprise        OrgKind = "enterprise"
	OrgInternational     OrgKind = "international-organization"
	OrgAssociation       OrgKind = "association"
	OrgMedia             OrgKind = "media"
)

// OrgKinds lists the organisation kinds in display order.
var OrgKinds = []OrgKind{OrgMinistry, OrgAgency, OrgLocalGovernment, OrgAcademy, OrgUniversity, OrgResearchInstitute, OrgEnterprise, OrgInternational, OrgAssociation, OrgMedia}

// HostRole is the part an organisation plays in an activity.
type HostRole string

const (
	RoleHost        HostRole = "host"         // 主办
	RoleOrganiser   HostRole = "organiser"    // 承办
	RoleCoOrganiser HostRole = "co-organiser" // 协办
	RoleSupporter   HostRole = "supporter"    // 支持
)

// HostRoles lists the roles in display order.
var HostRoles = []HostRole{RoleHost, RoleOrganiser, RoleCoOrganiser, RoleSupporter}

// Orientation is one of the "four orientations" (四个面向).
type Orientation string

const (
	OrientFrontier      Orientation = "frontier"       // 面向世界科技前沿
	OrientEconomy       Orientation = "economy"        // 面向经济主战场
	OrientNationalNeeds Orientation = "national-needs" // 面向国家重大需求
	OrientHealth        Orientation = "health"         // 面向人民生命健康
)

// Orientations lists the four orientations in their canonical order.
var Orientations = []Orientation{OrientFrontier, OrientEconomy, OrientNationalNeeds, OrientHealth}

// Status is the publication state of an activity.
type Status string

const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusCancelled Status = "cancelled"
)

// Statuses lists the publication states.
var Statuses = []Status{StatusDraft, StatusPublished, StatusCancelled}

// SpeakerRole is the part a person plays in an activity.
type SpeakerRole string

const (
	SpeakerKeynote   SpeakerRole = "keynote"
	SpeakerSpeaker   SpeakerRole = "speaker"
	SpeakerModerator SpeakerRole = "moderator"
	SpeakerPanelist  SpeakerRole = "panelist"
)

// SpeakerRoles lists the speaker roles in display order.
var SpeakerRoles = []SpeakerRole{SpeakerKeynote, SpeakerSpeaker, SpeakerModerator, SpeakerPanelist}

// Honour is a distinction of a person that the press figures count.
type Honour string

const (
	HonourTuringAward        Honour = "turing-award"
	HonourFieldsMedal        Honour = "fields-medal"
	HonourNobelPrize         Honour = "nobel-prize"
	HonourWolfPrize          Honour = "wolf-prize"
	HonourAcademicianCAS     Honour = "academician-cas"
	HonourAcademicianCAE     Honour = "academician-cae"
	HonourForeignAcademician Honour = "foreign-academician"
)

// Honours lists the honours in display order.
var Honours = []Honour{HonourTuringAward, HonourFieldsMedal, HonourNobelPrize, HonourWolfPrize, HonourAcademicianCAS, HonourAcademicianCAE, HonourForeignAcademician}

// Event is an edition of the annual meeting (年会), e.g. zgc-2025.
type Event struct {
	ID           string
	Slug         string
	Name         Text
	Theme        Text // the edition's motto
	City         Text
	StartDate    string    // YYYY-MM-DD, in TimeZone
	EndDate      string    // YYYY-MM-DD, inclusive
	TimeZone     string    // IANA name; times are stored in UTC and shown in this zone
	PreviousSlug string    // the edition "new this edition" compares with; empty for the first
	Version      int64     // the published version's number in public snapshots; the working copy's revision (bumped on every change) in drafts; caches key on it
	UpdatedAt    time.Time // when the program last changed (UTC, whole seconds): Last-Modified of the feeds; set with every Version bump; zero when unknown
}

// Location returns the edition's time zone (UTC when the name is unknown).
func (e Event) Location() *time.Location {
	if loc, err := time.LoadLocation(e.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// Section is a part (板块) of an edition: forums, technology trading, releases ...
type Section struct {
	ID       string
	EventID  string
	Slug     string
	Name     Text
	Position int
}

// Organisation hosts, organises or supports activities, publishes releases, or
// employs people. Organisations are shared by all editions.
type Organisation struct {
	ID        string
	Slug      string
	Name      Text
	ShortName Text // the name used in sentences (科技部 / MOST); empty when the full name is short
	Kind      OrgKind
	Country   string // ISO 3166-1 alpha-2; "" for international organisations without a seat country
	Website   string
	Sample    bool  // invented for the sample data, not from the source notes
	Version   int64 `json:"-"` // of the working copy's row, for optimistic concurrency; not part of published snapshots
}

// Short returns the short name in lang, or the full name when there is none.
func (o *Organisation) Short(lang string) string {
	if !o.ShortName.IsZero() {
		return o.ShortName.In(lang)
	}
	return o.Name.In(lang)
}

// Person is a speaker, moderator or guest (嘉宾). People are shared by all editions.
type Person struct {
	ID          string
	Slug        string
	Name        Text
	Position    Text // job title
	Affiliation Text
	Country     string // ISO 3166-1 alpha-2
	Honours     []Honour
	Sample      bool
	Version     int64 `json:"-"` // of the working copy's row, for optimistic concurrency; not part of published snapshots
}

// Venue is a building or site; rooms belong to a venue.
type Venue struct {
	ID      string
	Slug    string
	Name    Text
	Address Text
	Sample  bool
}

// Room is where an activity takes place.
type Room struct {
	ID       string
	VenueID  string
	Slug     string
	Name     Text
	Capacity int
	Sample   bool  // invented room names and capacities
	Version  int64 `json:"-"` // of the working copy's row, for optimistic concurrency; not part of published snapshots
}

// Theme is a topic (AI, quantum, ocean, earth science …) shared by all editions.
type Theme struct {
	ID   string
	Slug string
	Name Text
}

// ThemeDay is a day of an edition dedicated to one theme (主题日).
type ThemeDay struct {
	EventID string
	Date    string // YYYY-MM-DD in the edition's time zone
	ThemeID string
	Name    Text
}

// Host links an organisation to an activity in a role.
type Host struct {
	OrgID string
	Role  HostRole
}

// Appearance links a person to an activity in a role.
type Appearance struct {
	PersonID string
	Role     SpeakerRole
}

// Livestream is the broadcast of an activity.
type Livestream struct {
	URL      string
	StartsAt time.Time // 开播时间, UTC
}

// Activity is a program item of any kind: opening, plenary, parallel forum,
// release event, matchmaking fair, competition, supporting event.
type Activity struct {
	ID             string
	EventID        string
	SectionID      string
	Slug           string
	Kind           ActivityKind
	Title          Text
	Summary        Text
	Series         string      // the same series across editions; a forum is new when the previous edition had none of its series
	Orientation    Orientation // "" when none was declared
	ThemeIDs       []string
	RoomID         string // "" while unplaced
	StartsAt       time.Time
	EndsAt         time.Time
	Capacity       int      // seats offered; 0 means the room's capacity
	Languages      []string // spoken languages, e.g. zh, en
	Interpretation bool     // simultaneous interpretation offered
	Livestream     *Livestream
	Status         Status
	// ThemeDay is the date of the theme day the activity belongs to ("" for
	// none): declared, never inferred from its themes, since an activity of
	// the day's theme may run on another day.
	ThemeDay string
	Sample   bool
	Hosts    []Host
	Speakers []Appearance
	Version  int64 `json:"-"` // of the working copy's row, for optimistic concurrency; not part of published snapshots
}

// Release is something released at a release event: a report, an index, a list.
type Release struct {
	ID           string
	EventID      string
	ActivityID   string
	Slug         string
	Title        Text
	Summary      Text
	Kind         string // report, index, list, product …
	PublisherID  string
	EmbargoUntil *time.Time // hidden from the public before this instant
	Sample       bool
	Version      int64 `json:"-"` // of the working copy's row, for optimistic concurrency; not part of published snapshots
}
