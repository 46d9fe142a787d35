package program

// Dataset is a whole program to load at once: the shared registers
// (organisations, people, venues, rooms, themes) and one or more editions.
// Cross-references inside a Dataset use slugs, not ids, so that a dataset
// can be written by hand (sample data, imports) and resolved by the store.
type Dataset struct {
	Organisations []Organisation
	People        []Person
	Venues        []Venue
	Rooms         []RoomRecord
	Themes        []Theme
	Editions      []EditionRecord
}

// RoomRecord is a Room whose venue is named by slug.
type RoomRecord struct {
	Room
	Venue string
}

// EditionRecord is one edition of a Dataset with slug references.
type EditionRecord struct {
	Event      Event
	Sections   []Section
	ThemeDays  []ThemeDayRecord
	Activities []ActivityRecord
	Releases   []ReleaseRecord
}

// ThemeDayRecord is a ThemeDay whose theme is named by slug.
type ThemeDayRecord struct {
	Date  string
	Theme string
	Name  Text
}

// ActivityRecord is an Activity whose references are slugs.
type ActivityRecord struct {
	Activity
	Section  string
	Room     string
	Themes   []string
	Hosts    []HostRecord
	Speakers []AppearanceRecord
}

// HostRecord names the organisation of a Host by slug.
type HostRecord struct {
	Org  string
	Role HostRole
}

// AppearanceRecord names the person of an Appearance by slug.
type AppearanceRecord struct {
	Person string
	Role   SpeakerRole
}

// ReleaseRecord is a Release whose activity and publisher are slugs.
type ReleaseRecord struct {
	Release
	Activity  string
	Publisher string
}
