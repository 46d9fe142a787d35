package fair

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"convene/internal/program"
)

// Suggested partners. Achievements and needs are matched on their text in
// both languages with BM25, the same field and the fit of the achievement's
// maturity to what the need can use. The index is built once per fair
// version (about a quarter of a second for 3,300 achievements and 2,600
// needs, docs/benchmarks.md) so that a query only walks the postings of the
// query's terms (about a millisecond).

// BM25 parameters (the usual defaults) and the weights of the other signals,
// in BM25 points: a same-field item outranks one that shares a word or two.
const (
	bm25K1       = 1.2
	bm25B        = 0.75
	fieldBoost   = 3.0
	maturityFit  = 1.0
	maturityMiss = 0.5 // per TRL level short of the need
	titleWeight  = 2   // title terms count this many times
	shownTerms   = 4
)

// Suggestion is one suggested partner item, explained.
type Suggestion struct {
	ID          string       `json:"id"` // the achievement or need suggested
	Score       float64      `json:"score"`
	SameField   bool         `json:"same_field"`
	MaturityFit bool         `json:"maturity_fit"` // the achievement is at least as mature as the need requires
	Shared      []string     `json:"shared_terms"` // most specific first
	Reason      program.Text `json:"reason"`
}

// Index ranks achievements for a need and needs for an achievement.
type Index struct {
	achievements []Achievement
	needs        []Need
	achDocs      corpus
	needDocs     corpus
	achByID      map[string]int
	needByID     map[string]int
}

// NewIndex indexes the achievements and needs of a fair.
func NewIndex(as []Achievement, ns []Need) *Index {
	x := &Index{achievements: as, needs: ns, achByID: make(map[string]int, len(as)), needByID: make(map[string]int, len(ns))}
	ad := make([]docText, len(as))
	for i, a := range as {
		x.achByID[a.ID] = i
		ad[i] = docText{title: a.Title, summary: a.Summary, field: a.Field}
	}
	nd := make([]docText, len(ns))
	for i, n := range ns {
		x.needByID[n.ID] = i
		nd[i] = docText{title: n.Title, summary: n.Summary, field: n.Field}
	}
	x.achDocs, x.needDocs = newCorpus(ad), newCorpus(nd)
	return x
}

// ForNeed returns at most limit achievements for the need, best first.
func (x *Index) ForNeed(needID string, limit int) ([]Suggestion, error) {
	i, ok := x.needByID[needID]
	if !ok {
		return nil, program.Errorf(program.CodeNotFound, "no need %s in this fair", needID)
	}
	n := &x.needs[i]
	return x.achDocs.rank(x.needDocs.docs[i], limit, func(d int) (string, int, int) {
		return x.achievements[d].ID, x.achievements[d].TRL, n.MinTRL
	}), nil
}

// ForAchievement returns at most limit needs for the achievement, best first.
func (x *Index) ForAchievement(achievementID string, limit int) ([]Suggestion, error) {
	i, ok := x.achByID[achievementID]
	if !ok {
		return nil, program.Errorf(program.CodeNotFound, "no achievement %s in this fair", achievementID)
	}
	a := &x.achievements[i]
	return x.needDocs.rank(x.achDocs.docs[i], limit, func(d int) (string, int, int) {
		return x.needs[d].ID, a.TRL, x.needs[d].MinTRL
	}), nil
}

type docText struct {
	title, summary program.Text
	field          string
}

type doc struct {
	tf    map[string]int
	len   int
	field string
}

type posting struct{ doc, tf int }

type corpus struct {
	docs     []doc
	postings map[string][]posting
	byField  map[string][]int
	avgLen   float64
}

func newCorpus(ts []docText) corpus {
	c := corpus{docs: make([]doc, len(ts)), postings: map[string][]posting{}, byField: map[string][]int{}}
	total := 0
	for i, t := range ts {
		d := doc{tf: map[string]int{}, field: t.field}
		for range titleWeight {
			for _, w := range Tokens(t.title.ZH + "\n" + t.title.EN) {
				d.tf[w]++
				d.len++
			}
		}
		for _, w := range Tokens(t.summary.ZH + "\n" + t.summary.EN) {
			d.tf[w]++
			d.len++
		}
		for w, n := range d.tf {
			c.postings[w] = append(c.postings[w], posting{i, n})
		}
		c.byField[t.field] = append(c.byField[t.field], i)
		total += d.len
		c.docs[i] = d
	}
	if len(ts) > 0 {
		c.avgLen = float64(total) / float64(len(ts))
	}
	return c
}

func (c *corpus) idf(term string) float64 {
	n, df := float64(len(c.docs)), float64(len(c.postings[term]))
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// rank scores every document of c that shares a term or the field with q;
// about(d) gives the suggested item's id, the achievement's TRL and the
// need's minimum TRL of the pair.
func (c *corpus) rank(q doc, limit int, about func(d int) (id string, trl, minTRL int)) []Suggestion {
	terms := make([]string, 0, len(q.tf))
	for w := range q.tf {
		terms = append(terms, w)
	}
	idf := make(map[string]float64, len(terms))
	for _, w := range terms {
		idf[w] = c.idf(w)
	}
	// most specific terms first, so that explanations name them first
	slices.SortFunc(terms, func(a, b string) int { return cmp.Or(cmp.Compare(idf[b], idf[a]), cmp.Compare(a, b)) })
	score := make([]float64, len(c.docs))
	hit := make([]bool, len(c.docs))
	var touched []int
	touch := func(d int) {
		if !hit[d] {
			hit[d] = true
			touched = append(touched, d)
		}
	}
	for _, w := range terms {
		for _, p := range c.postings[w] {
			dl, tf := float64(c.docs[p.doc].len), float64(p.tf)
			score[p.doc] += idf[w] * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/c.avgLen))
			touch(p.doc)
		}
	}
	for _, d := range c.byField[q.field] {
		touch(d)
	}
	type ranked struct {
		doc   int
		id    string
		score float64
	}
	out := make([]ranked, 0, len(touched))
	for _, d := range touched {
		id, trl, minTRL := about(d)
		s := score[d]
		if c.docs[d].field == q.field {
			s += fieldBoost
		}
		if trl >= minTRL {
			s += maturityFit
		} else {
			s -= maturityMiss * float64(minTRL-trl)
		}
		out = append(out, ranked{d, id, math.Round(s*1000) / 1000})
	}
	slices.SortFunc(out, func(a, b ranked) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.id, b.id)) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	// explain only what is shown
	sugg := make([]Suggestion, len(out))
	for i, r := range out {
		_, trl, minTRL := about(r.doc)
		s := Suggestion{ID: r.id, Score: r.score, SameField: c.docs[r.doc].field == q.field, MaturityFit: trl >= minTRL}
		for _, w := range terms {
			if c.docs[r.doc].tf[w] > 0 {
				s.Shared = append(s.Shared, w)
			}
		}
		s.Reason = explain(s, q.field, trl, minTRL)
		sugg[i] = s
	}
	return sugg
}

// explain says in both languages why s was suggested.
func explain(s Suggestion, field string, trl, minTRL int) program.Text {
	var zh, en []string
	if s.SameField {
		f := Fields[field]
		zh = append(zh, "同一领域："+f.ZH)
		en = append(en, "same field: "+f.EN)
	}
	if n := len(s.Shared); n > 0 {
		shown := s.Shared[:min(n, shownTerms)]
		more := ""
		if n > shownTerms {
			more = "…"
		}
		zh = append(zh, fmt.Sprintf("%d个共同词：%s%s", n, strings.Join(shown, "、"), more))
		unit := "terms"
		if n == 1 {
			unit = "term"
		}
		en = append(en, fmt.Sprintf("%d shared %s: %s%s", n, unit, strings.Join(shown, ", "), more))
	}
	if s.MaturityFit {
		zh = append(zh, fmt.Sprintf("成熟度TRL %d，满足需求的TRL %d", trl, minTRL))
		en = append(en, fmt.Sprintf("maturity TRL %d meets the required TRL %d", trl, minTRL))
	} else {
		zh = append(zh, fmt.Sprintf("成熟度TRL %d，低于需求的TRL %d", trl, minTRL))
		en = append(en, fmt.Sprintf("maturity TRL %d is below the required TRL %d", trl, minTRL))
	}
	return program.Text{ZH: strings.Join(zh, "；"), EN: strings.Join(en, "; ")}
}

// stopWords are English words too common to say anything about a match.
var stopWords = map[string]bool{
	"and": true, "the": true, "for": true, "with": true, "of": true, "in": true, "on": true, "to": true, "by": true,
	"an": true, "or": true, "at": true, "from": true, "its": true, "is": true, "are": true, "be": true, "as": true,
	"that": true, "this": true, "into": true, "based": true, "using": true, "new": true,
}

// Tokens splits text into match terms: Chinese (Han) runs into overlapping
// character bigrams (a lone character stands for itself), other letters and
// digits into lower-case words without stop words, plurals folded (sensors →
// sensor).
func Tokens(s string) []string {
	s = strings.ToLower(norm.NFKC.String(s))
	var out []string
	var han []rune
	flushHan := func() {
		switch len(han) {
		case 0:
		case 1:
			out = append(out, string(han))
		default:
			for i := 0; i+1 < len(han); i++ {
				out = append(out, string(han[i:i+2]))
			}
		}
		han = han[:0]
	}
	var word strings.Builder
	flushWord := func() {
		w := word.String()
		word.Reset()
		if len(w) < 2 || stopWords[w] {
			return
		}
		if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		out = append(out, w)
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushHan()
			word.WriteRune(r)
		default:
			flushHan()
			flushWord()
		}
	}
	flushHan()
	flushWord()
	return out
}
