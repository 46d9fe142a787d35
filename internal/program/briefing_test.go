package program

import (
	"strings"
	"testing"
)

// briefingStats are hand-built figures shaped like the 2025 press conference.
func briefingStats() (Stats, Stats) {
	cur := Stats{
		Event: "zgc-2025", Name: Text{ZH: "2025中关村论坛年会", EN: "2025 Zhongguancun Forum Annual Meeting"},
		Activities: 128, ParallelForums: 60, NewParallelForums: 17,
		ByKind:                     map[string]int{"opening": 1, "plenary": 2, "parallel-forum": 60, "release": 2, "matchmaking": 3, "competition": 1, "supporting": 59},
		GovernmentParallelForums:   23,
		ByOrientation:              map[string]int{"frontier": 21, "economy": 16, "national-needs": 13, "health": 10},
		Countries:                  101,
		InternationalOrganizations: 7,
		Speakers:                   1012, ForeignSpeakers: 431,
		Honours:      map[string]int{"turing-award": 5, "fields-medal": 0, "academician-cas": 40},
		Livestreams:  45,
		Releases:     6,
		ComparedWith: "zgc-2024",
		Hosts: []HostStats{
			{Org: "most", Name: Text{ZH: "科技部", EN: "MOST"}, Kind: OrgMinistry, ParallelForums: 10, NewParallelForums: 4, Matchmaking: 1,
				NewForums: []ActivityRef{
					{Slug: "a", Title: Text{ZH: "环喜马拉雅地球科学国际合作论坛", EN: "Trans-Himalaya Earth Science International Cooperation Forum"}},
					{Slug: "b", Title: Text{ZH: "AI for Science青年论坛", EN: "AI for Science Youth Forum"}},
					{Slug: "c", Title: Text{ZH: "量子科技创新发展论坛", EN: "Quantum Science and Technology Innovation and Development Forum"}},
					{Slug: "d", Title: Text{ZH: "海洋科学与发展论坛", EN: "Ocean Science and Development Forum"}},
				}},
			{Org: "bj", Name: Text{ZH: "北京市人民政府", EN: "Beijing Municipal Government"}, Kind: OrgLocalGovernment, ParallelForums: 8},
			{Org: "cas", Name: Text{ZH: "中国科学院", EN: "CAS"}, Kind: OrgAcademy, ParallelForums: 5, NewParallelForums: 1,
				NewForums: []ActivityRef{{Slug: "e", Title: Text{ZH: "新论坛", EN: "New Forum"}}}},
			{Org: "miit", Name: Text{ZH: "工业和信息化部", EN: "MIIT"}, Kind: OrgMinistry, ParallelForums: 2},
			{Org: "uni", Name: Text{ZH: "某大学", EN: "Some University"}, Kind: OrgUniversity, ParallelForums: 1},
			{Org: "nsfc", Name: Text{ZH: "国家自然科学基金委员会", EN: "NSFC"}, ShortName: Text{ZH: "国家自然科学基金委", EN: "NSFC"}, Kind: OrgAgency, ParallelForums: 1, Releases: 1,
				Published: []ActivityRef{{Slug: "top10", Title: Text{ZH: "2024年度“中国科学十大进展”", EN: "2024 Top 10 Advances in Chinese Science"}}}},
			{Org: "casted", Name: Text{ZH: "中国科学技术发展战略研究院", EN: "CASTED"}, Kind: OrgResearchInstitute, Releases: 1},
		},
	}
	prev := Stats{
		Event: "zgc-2024", Name: Text{ZH: "2024中关村论坛年会", EN: "2024 Zhongguancun Forum Annual Meeting"},
		Activities: 120, ParallelForums: 62,
	}
	return cur, prev
}

func TestBriefingZH(t *testing.T) {
	cur, prev := briefingStats()
	got := strings.Join(Briefing(cur, &prev, LangZH), "\n")
	for _, want := range []string{
		"2025中关村论坛年会共安排128场活动，其中平行论坛60场，新增17场。",
		"科技部今年主办10场平行论坛，其中新增4场：环喜马拉雅地球科学国际合作论坛、AI for Science青年论坛、量子科技创新发展论坛、海洋科学与发展论坛；另主办1场科技成果转化应用对接会。",
		"北京市人民政府今年主办8场平行论坛。",
		"中国科学院今年主办5场平行论坛，其中新增1场：新论坛。",
		"工业和信息化部今年主办2场平行论坛。",
		"国家自然科学基金委今年主办1场平行论坛；另主办1场发布活动。",
		"各部委和国家机构共主办平行论坛23场。",
		"此外，还有2场发布活动：国家自然科学基金委发布2024年度“中国科学十大进展”；中国科学技术发展战略研究院主办1场；共公开发布成果6项。",
		"面向世界科技前沿21场、面向经济主战场16场、面向国家重大需求13场、面向人民生命健康10场",
		"来自101个国家和地区，另有7个国际组织参与",
		"共有嘉宾1012位，其中境外嘉宾431位；嘉宾中有图灵奖得主5位、中国科学院院士40位。",
		"45场活动提供网络直播。",
		"与2024中关村论坛年会（120场活动、平行论坛62场）相比，活动增加8场，平行论坛减少2场。",
		"按活动类型分：开幕式1场、全体会议2场、平行论坛60场",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("zh briefing lacks %q\n got:\n%s", want, got)
		}
	}
	// A university fifth by parallel forums gets no sentence of its own.
	if strings.Contains(got, "某大学") {
		t.Errorf("zh briefing names a minor host:\n%s", got)
	}
	if strings.Contains(got, "菲尔兹") {
		t.Errorf("zh briefing names an honour no speaker holds:\n%s", got)
	}
}

func TestBriefingEN(t *testing.T) {
	cur, prev := briefingStats()
	got := strings.Join(Briefing(cur, &prev, LangEN), "\n")
	for _, want := range []string{
		"The 2025 Zhongguancun Forum Annual Meeting comprises 128 activities, including 60 parallel forums, 17 of them new.",
		"MOST hosts 10 parallel forums this year, 4 of them new: Trans-Himalaya Earth Science International Cooperation Forum, AI for Science Youth Forum, Quantum Science and Technology Innovation and Development Forum and Ocean Science and Development Forum; it also hosts 1 technology achievement matchmaking fair.",
		"Beijing Municipal Government hosts 8 parallel forums this year.",
		"NSFC hosts 1 parallel forum this year; it also hosts 1 release event.",
		"Ministries and national agencies host 23 parallel forums in all.",
		"There are 2 release events: NSFC releases 2024 Top 10 Advances in Chinese Science; CASTED hosts 1 release event; 6 releases made public in all.",
		"the world science frontier (21), the main economic battlefield (16), major national needs (13) and people's life and health (10)",
		"101 countries and regions, and 7 international organisations take part.",
		"1012 speakers take part, 431 of them from abroad; among them are 5 Turing Award laureates and 40 academicians of the Chinese Academy of Sciences.",
		"45 activities are livestreamed.",
		"Compared with the 2024 Zhongguancun Forum Annual Meeting (120 activities, 62 parallel forums), activities are up by 8 and parallel forums down by 2.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("en briefing lacks %q\n got:\n%s", want, got)
		}
	}
	for _, r := range got {
		if r >= 0x4e00 && r <= 0x9fff {
			t.Errorf("en briefing contains Chinese text:\n%s", got)
			break
		}
	}
}

func TestBriefingFirstEdition(t *testing.T) {
	cur, _ := briefingStats()
	cur.ComparedWith, cur.NewParallelForums = "", 0
	for i := range cur.Hosts {
		cur.Hosts[i].NewParallelForums, cur.Hosts[i].NewForums = 0, nil
	}
	zh := strings.Join(Briefing(cur, nil, LangZH), "\n")
	if strings.Contains(zh, "新增") || strings.Contains(zh, "相比") {
		t.Errorf("a first edition has nothing new and nothing to compare:\n%s", zh)
	}
	if !strings.Contains(zh, "共安排128场活动，其中平行论坛60场。") {
		t.Errorf("zh overview:\n%s", zh)
	}
	en := strings.Join(Briefing(cur, nil, LangEN), "\n")
	if strings.Contains(en, " new") || strings.Contains(en, "Compared") {
		t.Errorf("en first edition:\n%s", en)
	}
}
