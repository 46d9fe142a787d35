package program

// Text is a piece of bilingual content. Content is data: every title, name and
// summary carries both languages, and views pick one with In.
type Text struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// Languages the public site and API speak; zh is the default.
const (
	LangZH = "zh"
	LangEN = "en"
)

// In returns the text in lang, falling back to the other language when the
// wanted one is empty, so a page never shows a blank title.
func (t Text) In(lang string) string {
	if lang == LangEN {
		if t.EN != "" {
			return t.EN
		}
		return t.ZH
	}
	if t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// IsZero reports whether both languages are empty.
func (t Text) IsZero() bool { return t.ZH == "" && t.EN == "" }
