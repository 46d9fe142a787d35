// Package fair is the technology-transfer matchmaking fair (科技成果转化应用对接会)
// of an edition: participants on the supply side post technology
// achievements, those on the demand side post enterprise needs, both get
// suggested partners, request 1:1 meetings, receive a schedule of tables and
// slots, and report outcomes. It knows no HTTP and no SQL; the schedule
// itself comes from package meetings.
package fair

import (
	"time"

	"convene/internal/program"
)

// Side says what a participant brings to the fair.
type Side string

const (
	SideSupply Side = "supply" // technology owners: laboratories, universities, institutes
	SideDemand Side = "demand" // enterprises with needs
	SideBoth   Side = "both"
)

// Availability says which half of the fair day a participant attends.
type Availability string

const (
	AvailableMorning   Availability = "morning"
	AvailableAfternoon Availability = "afternoon"
	AvailableBoth      Availability = "both"
)

// IPType is the kind of intellectual property of an achievement.
type IPType string

// IPTypes lists the kinds of intellectual property.
var IPTypes = []IPType{"patent", "software", "know-how", "ic-layout", "plant-variety", "other"}

// TransferMode is how an achievement is offered.
type TransferMode string

// TransferModes lists the ways an achievement is offered.
var TransferModes = []TransferMode{"licence", "sale", "joint-development", "equity"}

// Status is the state of a meeting request.
type Status string

const (
	StatusRequested Status = "requested"
	StatusAccepted  Status = "accepted"
	StatusDeclined  Status = "declined"
	// StatusCancelled closes a request or meeting because a side withdrew
	// from the fair; the row stays for the audit log and the record.
	StatusCancelled Status = "cancelled"
)

// Outcome is what came of a meeting.
type Outcome string

const (
	OutcomeNone      Outcome = "none"
	OutcomeIntention Outcome = "intention" // an agreement of intent
	OutcomeContract  Outcome = "contract"  // a contract signed
)

// Fair is the setting of the 1:1 meetings of a matchmaking activity: a day
// of consecutive slots, the first MorningSlots of them in the morning, and
// as many tables as meetings can run at once.
type Fair struct {
	ActivityID        string
	EventID           string
	StartsAt          time.Time // slot 1, UTC
	AfternoonStartsAt time.Time // the first afternoon slot; zero when the day has no split
	SlotMinutes       int
	Slots             int
	MorningSlots      int // = Slots when the day has no split
	Tables            int
	Version           int64      // bumped by every organiser write; stale writes are refused
	ScheduledAt       *time.Time // when the stored schedule was made
	PublishedAt       *time.Time // participants see their schedule from then on
	Sample            bool
}

// SlotStart returns when slot t (1-based) begins.
func (f *Fair) SlotStart(t int) time.Time {
	if t > f.MorningSlots && !f.AfternoonStartsAt.IsZero() {
		return f.AfternoonStartsAt.Add(time.Duration((t-f.MorningSlots-1)*f.SlotMinutes) * time.Minute)
	}
	return f.StartsAt.Add(time.Duration((t-1)*f.SlotMinutes) * time.Minute)
}

// SlotEnd returns when slot t ends.
func (f *Fair) SlotEnd(t int) time.Time {
	return f.SlotStart(t).Add(time.Duration(f.SlotMinutes) * time.Minute)
}

// Contact is the person to write to; it is shown to organisers and to the
// participant's accepted partners only.
type Contact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// Participant is an organisation taking part in the fair.
type Participant struct {
	ID           string
	ActivityID   string
	AttendeeID   string // the registered attendee who acts for it; "" for none
	Organisation program.Text
	Contact      Contact
	Side         Side
	Availability Availability
	Unavailable  []int // slots it cannot make, 1-based, sorted
	Version      int64 // the row's version, named by every edit of the participant
	Sample       bool
}

// Supplies reports whether p may post achievements.
func (p *Participant) Supplies() bool { return p.Side == SideSupply || p.Side == SideBoth }

// Demands reports whether p may post needs.
func (p *Participant) Demands() bool { return p.Side == SideDemand || p.Side == SideBoth }

// Achievement is a technology achievement offered by a supply participant.
type Achievement struct {
	ID            string
	ActivityID    string
	ParticipantID string
	Title         program.Text
	Summary       program.Text
	Field         string // a key of Fields
	TRL           int    // technology readiness level 1–9
	IP            IPType
	Transfer      TransferMode
	Version       int64 // the row's version, named by every edit
	Sample        bool
}

// Need is an enterprise's technology need.
type Need struct {
	ID            string
	ActivityID    string
	ParticipantID string
	Title         program.Text
	Summary       program.Text
	Field         string
	MinTRL        int   // the least maturity the enterprise can use, 1–9
	BudgetMin     int64 // CNY
	BudgetMax     int64 // CNY; 0 = open
	Region        string
	Version       int64 // the row's version, named by every edit
	Sample        bool
}

// Meeting is a request for a 1:1 meeting and, once accepted and scheduled,
// the meeting itself.
type Meeting struct {
	ID            string
	ActivityID    string
	From          string // the participant who asked
	To            string // the participant asked
	AchievementID string // what it is about; "" for nothing in particular
	NeedID        string
	Status        Status
	FixedSlot     int // set by the organiser; 0 = free
	Slot          int // scheduled slot, 0 = none
	Table         int // scheduled table, 0 = none
	Outcome       Outcome
	AmountCNY     int64 // the contract's amount
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Involves reports whether participant id is one side of m.
func (m *Meeting) Involves(id string) bool { return m.From == id || m.To == id }

// Other returns the other side of m for participant id.
func (m *Meeting) Other(id string) string {
	if m.From == id {
		return m.To
	}
	return m.From
}

// Fields are the technology fields of achievements and needs.
var Fields = map[string]program.Text{
	"quantum-sensing":        {ZH: "量子传感", EN: "quantum sensing"},
	"quantum-computing":      {ZH: "量子计算", EN: "quantum computing"},
	"ai-chips":               {ZH: "人工智能芯片", EN: "AI chips"},
	"artificial-intel":       {ZH: "人工智能", EN: "artificial intelligence"},
	"new-materials":          {ZH: "新材料", EN: "new materials"},
	"biomedicine":            {ZH: "生物医药", EN: "biomedicine"},
	"medical-devices":        {ZH: "医疗器械", EN: "medical devices"},
	"carbon-neutrality":      {ZH: "碳中和", EN: "carbon neutrality"},
	"new-energy":             {ZH: "新能源", EN: "new energy"},
	"robotics":               {ZH: "机器人", EN: "robotics"},
	"advanced-manufacturing": {ZH: "先进制造", EN: "advanced manufacturing"},
	"agriculture":            {ZH: "现代农业", EN: "modern agriculture"},
}

// Dataset is a whole fair at once: what the sample data loads.
type Dataset struct {
	Fair         Fair
	Participants []Participant
	Achievements []Achievement
	Needs        []Need
	Meetings     []Meeting
}
