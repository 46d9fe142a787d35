package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"convene/internal/program"
)

// ThemeDay lists the activities that belong to a theme day of a sample
// edition.
type ThemeDay struct {
	Event, Day string
	Activities []string
}

// ThemeDays is the membership of the sample's theme days: the AI theme day
// of 28 March 2025 has two core forums and five special forums (source
// notes). Other AI forums of that edition run on other days and are not
// members.
func ThemeDays() []ThemeDay {
	return []ThemeDay{{Event: "zgc-2025", Day: "2025-03-28", Activities: []string{
		"future-ai-pioneers", "ai-new-industrialisation", // core
		"ai-for-science-youth", "embodied-ai-robots", "ai-open-source", "ai-healthcare", "ai-education", // special
	}}}
}

// InterestEvent is the sample edition with declared interests, and
// InterestAttendees how many sample attendees declare them.
const (
	InterestEvent     = "zgc-2025"
	InterestAttendees = 3000
)

// Interests returns what the sample attendees of zgc-2025 say they want to
// attend: 3–8 activities each, keyed "sample-attendee-NNNN". They are
// correlated the way a forum's audience is: each attendee follows one or
// two themes (a theme drawn in proportion to its parallel forums), and 9 in
// 10 wishes are activities of those themes, the others of the same
// orientation or anything; so who wants one quantum forum wants the other quantum
// activities too. Deterministic: the same dataset gives the same map.
func Interests(ds *program.Dataset) map[string][]string {
	var ed *program.EditionRecord
	for i := range ds.Editions {
		if ds.Editions[i].Event.Slug == InterestEvent {
			ed = &ds.Editions[i]
		}
	}
	if ed == nil {
		return nil
	}
	byTheme := map[string][]string{}
	byOrient := map[program.Orientation][]string{}
	var all, forumThemes []string
	orientOf := map[string]program.Orientation{}
	for _, a := range ed.Activities {
		if a.Status == program.StatusCancelled {
			continue
		}
		all = append(all, a.Slug)
		for _, th := range a.Themes {
			byTheme[th] = append(byTheme[th], a.Slug)
			if a.Kind == program.KindParallelForum {
				forumThemes = append(forumThemes, th)
				if orientOf[th] == "" {
					orientOf[th] = a.Orientation
				}
			}
		}
		if a.Orientation != "" {
			byOrient[a.Orientation] = append(byOrient[a.Orientation], a.Slug)
		}
	}
	rng := rand.New(rand.NewPCG(2025, 0x1a7e4e57))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	out := make(map[string][]string, InterestAttendees)
	for u := range InterestAttendees {
		first := pick(forumThemes)
		second := first
		if rng.IntN(5) < 2 {
			second = pick(forumThemes)
		}
		k := 3 + rng.IntN(6)
		var wants []string
		for tries := 0; len(wants) < k && tries < 60; tries++ {
			var a string
			switch r := rng.IntN(20); {
			case r < 14:
				a = pick(byTheme[first])
			case r < 18:
				a = pick(byTheme[second])
			case r < 19 && len(byOrient[orientOf[first]]) > 0:
				a = pick(byOrient[orientOf[first]])
			default:
				a = pick(all)
			}
			if !slices.Contains(wants, a) {
				wants = append(wants, a)
			}
		}
		slices.Sort(wants)
		out[fmt.Sprintf("sample-attendee-%04d", u+1)] = wants
	}
	return out
}
