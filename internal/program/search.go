package program

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Search is a scan over normalised text held in the snapshot, not a token
// index. An edition has a few hundred activities, people and organisations
// (well under a megabyte of text), so a substring scan answers in tens of
// microseconds, needs no word segmentation for Chinese (量子 matches
// 量子科技创新发展论坛 exactly as a reader expects, which bigram or trigram
// tokenisers only approximate), and behaves identically on both databases.

// Hit kinds.
const (
	HitActivity     = "activity"
	HitPerson       = "person"
	HitOrganisation = "organisation"
)

// Hit is one search result.
type Hit struct {
	Kind         string
	Activity     *Activity
	Person       *Person
	Organisation *Organisation
	score        int
}

type searchDoc struct {
	hit   Hit
	title string // normalised names in both languages
	body  string // normalised summary, affiliation …
}

// MaxQueryLen bounds search queries in bytes.
const MaxQueryLen = 200

func buildSearch(ed *Edition) []searchDoc {
	var docs []searchDoc
	for _, a := range ed.Activities {
		docs = append(docs, searchDoc{hit: Hit{Kind: HitActivity, Activity: a}, title: fold(a.Title.ZH + "\n" + a.Title.EN), body: fold(a.Summary.ZH + "\n" + a.Summary.EN)})
	}
	for _, p := range ed.People() {
		docs = append(docs, searchDoc{hit: Hit{Kind: HitPerson, Person: p}, title: fold(p.Name.ZH + "\n" + p.Name.EN), body: fold(p.Affiliation.ZH + "\n" + p.Affiliation.EN + "\n" + p.Position.ZH + "\n" + p.Position.EN)})
	}
	for _, o := range ed.Organisations() {
		docs = append(docs, searchDoc{hit: Hit{Kind: HitOrganisation, Organisation: o}, title: fold(o.Name.ZH + "\n" + o.Name.EN)})
	}
	return docs
}

// fold normalises text for matching: NFKC (full-width letters become ASCII)
// and lower case.
func fold(s string) string { return strings.ToLower(norm.NFKC.String(s)) }

// Search finds activities, people and organisations whose text contains every
// term of q (terms are separated by spaces). Title matches rank first.
func (ed *Edition) Search(q string) ([]Hit, error) {
	if err := CheckParam("q", q); err != nil {
		return nil, err
	}
	terms := strings.FieldsFunc(fold(q), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '-' && r != '+' })
	if len(terms) == 0 {
		return nil, nil
	}
	var hits []Hit
	for _, d := range ed.search {
		score := 0
		for _, t := range terms {
			switch {
			case strings.Contains(d.title, t):
				score += 2
			case strings.Contains(d.body, t):
				score++
			default:
				score = -1
			}
			if score < 0 {
				break
			}
		}
		if score > 0 {
			h := d.hit
			h.score = score
			hits = append(hits, h)
		}
	}
	slices.SortStableFunc(hits, func(a, b Hit) int { return b.score - a.score })
	return hits, nil
}
