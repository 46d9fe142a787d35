package web

import "convene/internal/program"

// msg is one UI string in both languages of the site.
type msg struct{ zh, en string }

// messages is the site's only message catalogue: every UI string, and the
// display names of the program's enum values (keys "kind.<v>", "orgkind.<v>",
// "role.<v>", "speaker.<v>", "orient.<v>", "honour.<v>"). A parity test checks
// that every key has both languages, that every key used by a template exists
// and that every enum value has a name.
var messages = map[string]msg{
	// site chrome
	"site.name":        {"中关村论坛", "Zhongguancun Forum"},
	"site.tagline":     {"年会议程与资讯", "Annual meeting program"},
	"site.skip":        {"跳到正文", "Skip to content"},
	"site.switch":      {"English", "中文"},
	"site.switch.aria": {"切换到英文", "Switch to Chinese"},
	"sep.colon":        {"：", ": "},
	"sep.list":         {"、", ", "},
	"footer.sample":    {"本站的示例数据仅用于演示，并非官方信息。", "Sample data on this site is illustrative and not official information."},
	"footer.times":     {"时间均为活动举办地当地时间。", "All times are local times of the venue."},

	// navigation
	"nav.label":       {"栏目导航", "Sections"},
	"nav.editions":    {"历届年会", "Editions"},
	"nav.home":        {"首页", "Home"},
	"nav.agenda":      {"议程", "Agenda"},
	"nav.livestreams": {"直播", "Livestreams"},
	"nav.releases":    {"发布", "Releases"},
	"nav.people":      {"嘉宾", "Speakers"},
	"nav.orgs":        {"机构", "Organisations"},
	"nav.briefing":    {"数据速览", "Briefing"},
	"nav.search":      {"搜索", "Search"},

	// editions list
	"editions.title": {"历届中关村论坛年会", "Zhongguancun Forum annual meetings"},
	"editions.none":  {"暂无年会。", "No editions yet."},
	"editions.open":  {"查看本届", "Open this edition"},

	// subscribe block (feeds of the API)
	"feeds.title":    {"订阅", "Subscribe"},
	"feeds.hint":     {"在日历应用中订阅，日程变动会自动同步。", "Subscribe in a calendar app; changes to the program follow automatically."},
	"feeds.edition":  {"订阅全部日程（iCal）", "The whole program (iCal)"},
	"feeds.activity": {"加入日历（iCal）", "Add to calendar (iCal)"},
	"feeds.person":   {"订阅该嘉宾的日程（iCal）", "This speaker's sessions (iCal)"},
	"feeds.apps":     {"供会议应用（Giggity、EventFahrplan 等）读取的日程", "the schedule for conference apps (Giggity, EventFahrplan …)"},

	// edition home
	"home.theme":          {"年会主题", "Theme"},
	"home.figures":        {"主要数据", "Headline figures"},
	"home.days":           {"会期安排", "Days"},
	"home.sections":       {"板块", "Sections"},
	"home.themes":         {"主题", "Themes"},
	"home.themeday":       {"主题日", "Theme day"},
	"home.activities_n":   {"项活动", "activities"},
	"home.briefing":       {"查看完整数据速览", "See the full briefing"},
	"fig.activities":      {"场活动", "activities"},
	"fig.parallel":        {"场平行论坛", "parallel forums"},
	"fig.new":             {"场新增平行论坛", "new parallel forums"},
	"fig.countries":       {"个国家和地区", "countries and regions"},
	"fig.speakers":        {"位嘉宾", "speakers"},
	"fig.livestreams":     {"场网络直播", "livestreams"},
	"fig.releases":        {"项发布成果", "releases"},
	"fig.honours":         {"嘉宾荣誉", "Honours of speakers"},
	"fig.intl_orgs":       {"个国际组织", "international organisations"},
	"fig.foreign":         {"位境外嘉宾", "speakers from abroad"},
	"home.agenda_all":     {"查看完整议程", "See the full agenda"},
	"home.livestreams_go": {"直播时间表", "Livestream schedule"},

	// agenda
	"agenda.title":     {"议程", "Agenda"},
	"agenda.filters":   {"筛选", "Filter"},
	"agenda.all":       {"全部", "All"},
	"agenda.alldays":   {"全部日期", "All days"},
	"agenda.apply":     {"筛选", "Apply"},
	"agenda.reset":     {"清除筛选", "Clear filters"},
	"agenda.empty":     {"没有符合条件的活动。", "No activities match these filters."},
	"agenda.count":     {"项活动", "activities"},
	"agenda.days":      {"日期", "Days"},
	"filter.day":       {"日期", "Day"},
	"filter.section":   {"板块", "Section"},
	"filter.kind":      {"类型", "Kind"},
	"filter.theme":     {"主题", "Theme"},
	"filter.host":      {"主办单位", "Host"},
	"filter.orient":    {"四个面向", "Orientation"},
	"filter.room":      {"会场", "Room"},
	"badge.live":       {"有直播", "Livestreamed"},
	"badge.cancelled":  {"已取消", "Cancelled"},
	"badge.new":        {"新增", "New"},
	"badge.sample":     {"示例", "Sample"},
	"card.hosts":       {"主办", "Hosted by"},
	"card.room":        {"会场", "Room"},
	"card.unscheduled": {"待定", "To be announced"},

	// activity
	"activity.when":           {"时间", "When"},
	"activity.where":          {"地点", "Where"},
	"activity.kind":           {"类型", "Kind"},
	"activity.section":        {"板块", "Section"},
	"activity.seats":          {"座位", "Seats"},
	"activity.languages":      {"语言", "Languages"},
	"activity.interpretation": {"提供同声传译", "Simultaneous interpretation"},
	"activity.summary":        {"简介", "About"},
	"activity.hosts":          {"主办及承办单位", "Organisations"},
	"activity.speakers":       {"嘉宾", "Speakers"},
	"activity.livestream":     {"网络直播", "Livestream"},
	"activity.watch":          {"观看直播", "Watch the livestream"},
	"activity.live_from":      {"开播时间", "Starts at"},
	"activity.releases":       {"本场发布", "Released here"},
	"activity.themes":         {"主题", "Themes"},
	"activity.orientation":    {"四个面向", "Orientation"},
	"activity.sample":         {"本活动为示例数据，仅用于演示。", "This activity is sample data, for illustration only."},
	"activity.cancelled":      {"本活动已取消。", "This activity has been cancelled."},
	"activity.zone":           {"时区", "Time zone"},
	"activity.day_agenda":     {"当天议程", "Agenda of the day"},
	"activity.tba":            {"时间待定", "Time to be announced"},

	// people
	"people.title":       {"嘉宾", "Speakers"},
	"people.count":       {"位嘉宾", "speakers"},
	"people.empty":       {"暂无嘉宾。", "No speakers yet."},
	"person.position":    {"职务", "Position"},
	"person.affiliation": {"单位", "Affiliation"},
	"person.country":     {"国家和地区", "Country or region"},
	"person.honours":     {"荣誉", "Honours"},
	"person.activities":  {"参加的活动", "Appears in"},
	"person.sample":      {"本嘉宾信息为示例数据，仅用于演示。", "This person is sample data, for illustration only."},

	// organisations
	"orgs.title":     {"机构", "Organisations"},
	"orgs.count":     {"家机构", "organisations"},
	"org.kind":       {"类型", "Kind"},
	"org.country":    {"国家和地区", "Country or region"},
	"org.website":    {"网站", "Website"},
	"org.activities": {"参与的活动", "Activities"},
	"org.releases":   {"发布的成果", "Releases published"},
	"org.none":       {"暂无。", "None."},
	"org.sample":     {"本机构信息为示例数据，仅用于演示。", "This organisation is sample data, for illustration only."},
	"org.agenda":     {"在议程中查看其主办的活动", "Show its hosted activities in the agenda"},

	// livestreams
	"live.title": {"直播时间表", "Livestream schedule"},
	"live.start": {"开播时间", "Starts at"},
	"live.item":  {"活动", "Activity"},
	"live.link":  {"直播链接", "Stream"},
	"live.watch": {"观看", "Watch"},
	"live.empty": {"暂无直播。", "No livestreams yet."},

	// releases
	"releases.title":     {"成果发布", "Releases"},
	"releases.publisher": {"发布单位", "Publisher"},
	"releases.kind":      {"类型", "Kind"},
	"releases.event":     {"发布活动", "Release event"},
	"releases.empty":     {"暂无公开的发布成果。", "No public releases yet."},

	// briefing
	"briefing.title":       {"数据速览", "Press briefing"},
	"briefing.lead":        {"以下数据均根据议程实时计算。", "Every figure below is computed from the program."},
	"briefing.by_kind":     {"按活动类型", "By kind of activity"},
	"briefing.by_section":  {"按板块", "By section"},
	"briefing.by_hostkind": {"平行论坛按主办单位类型", "Parallel forums by kind of host"},
	"briefing.by_orient":   {"平行论坛按“四个面向”", "Parallel forums by orientation"},
	"briefing.by_theme":    {"平行论坛按主题", "Parallel forums by theme"},
	"briefing.hosts":       {"主办单位", "Hosts"},
	"briefing.count":       {"数量", "Count"},
	"briefing.org":         {"机构", "Organisation"},
	"briefing.parallel":    {"平行论坛", "Parallel forums"},
	"briefing.new":         {"其中新增", "of them new"},
	"briefing.matchmaking": {"对接会", "Matchmaking fairs"},
	"briefing.releases":    {"发布活动", "Release events"},
	"briefing.rel_events":  {"发布活动一览", "Release events"},
	"briefing.released":    {"发布成果", "Releases"},
	"briefing.category":    {"类别", "Category"},
	"briefing.activity":    {"活动", "Activity"},

	// search
	"search.title":       {"搜索", "Search"},
	"search.label":       {"搜索活动、嘉宾、机构", "Search activities, speakers, organisations"},
	"search.placeholder": {"如：量子、人工智能", "e.g. quantum, AI"},
	"search.go":          {"搜索", "Search"},
	"search.none":        {"没有找到相关结果。", "Nothing found."},
	"search.results":     {"条结果", "results"},
	"search.hint":        {"输入关键词搜索本届年会的活动、嘉宾和机构。", "Type a word to search this edition's activities, speakers and organisations."},
	"hit.activity":       {"活动", "Activities"},
	"hit.person":         {"嘉宾", "Speakers"},
	"hit.organisation":   {"机构", "Organisations"},

	// errors
	"error.title":         {"出错了", "Something went wrong"},
	"error.400":           {"请求有误", "Bad request"},
	"error.404":           {"页面不存在", "Page not found"},
	"error.500":           {"服务器内部错误", "Internal server error"},
	"error.notfound":      {"您要找的页面不存在，或已被移除。", "The page you are looking for does not exist or has been removed."},
	"error.internal":      {"服务器暂时无法处理该请求，请稍后再试。", "The server could not handle this request. Please try again later."},
	"error.param":         {"参数", "Parameter"},
	"error.bad_value":     {"的值无效：", "has an unknown value:"},
	"error.bad_utf8":      {"不是有效的 UTF-8 文本。", "is not valid UTF-8 text."},
	"error.too_long":      {"过长。", "is too long."},
	"error.invalid":       {"输入有误。", "The input is not valid."},
	"error.back_home":     {"返回首页", "Back to the home page"},
	"error.request_id":    {"请求编号", "Request id"},
	"error.method":        {"不支持该请求方法。", "This method is not allowed here."},
	"error.405":           {"方法不被允许", "Method not allowed"},
	"error.unknown_lang":  {"不支持该语言。", "This language is not supported."},
	"error.unknown_event": {"该届年会不存在。", "This edition does not exist."},

	// languages
	"lang.zh": {"中文", "Chinese"},
	"lang.en": {"英文", "English"},

	// activity kinds
	"kind." + string(program.KindOpening):       {"开幕式", "Opening ceremony"},
	"kind." + string(program.KindPlenary):       {"全体会议", "Plenary session"},
	"kind." + string(program.KindParallelForum): {"平行论坛", "Parallel forum"},
	"kind." + string(program.KindRelease):       {"发布活动", "Release event"},
	"kind." + string(program.KindMatchmaking):   {"成果转化对接会", "Matchmaking fair"},
	"kind." + string(program.KindCompetition):   {"前沿大赛", "Frontier competition"},
	"kind." + string(program.KindSupporting):    {"配套活动", "Supporting event"},

	// organisation kinds
	"orgkind." + string(program.OrgMinistry):          {"国家部委", "Ministry"},
	"orgkind." + string(program.OrgAgency):            {"国家机构", "National agency"},
	"orgkind." + string(program.OrgLocalGovernment):   {"地方政府", "Local government"},
	"orgkind." + string(program.OrgAcademy):           {"科学院与工程院", "Academy"},
	"orgkind." + string(program.OrgUniversity):        {"高校", "University"},
	"orgkind." + string(program.OrgResearchInstitute): {"科研院所", "Research institute"},
	"orgkind." + string(program.OrgEnterprise):        {"企业", "Enterprise"},
	"orgkind." + string(program.OrgInternational):     {"国际组织", "International organisation"},
	"orgkind." + string(program.OrgAssociation):       {"学会与协会", "Association"},
	"orgkind." + string(program.OrgMedia):             {"媒体", "Media"},

	// host roles
	"role." + string(program.RoleHost):        {"主办", "Host"},
	"role." + string(program.RoleOrganiser):   {"承办", "Organiser"},
	"role." + string(program.RoleCoOrganiser): {"协办", "Co-organiser"},
	"role." + string(program.RoleSupporter):   {"支持", "Supporter"},

	// speaker roles
	"speaker." + string(program.SpeakerKeynote):   {"主旨演讲", "Keynote"},
	"speaker." + string(program.SpeakerSpeaker):   {"演讲嘉宾", "Speaker"},
	"speaker." + string(program.SpeakerModerator): {"主持人", "Moderator"},
	"speaker." + string(program.SpeakerPanelist):  {"对话嘉宾", "Panellist"},

	// the four orientations
	"orient." + string(program.OrientFrontier):      {"面向世界科技前沿", "World science frontier"},
	"orient." + string(program.OrientEconomy):       {"面向经济主战场", "Main economic battlefield"},
	"orient." + string(program.OrientNationalNeeds): {"面向国家重大需求", "Major national needs"},
	"orient." + string(program.OrientHealth):        {"面向人民生命健康", "People's life and health"},

	// kinds of releases (open-ended: unknown kinds show as they are)
	"relkind.report":  {"报告", "Report"},
	"relkind.index":   {"指数", "Index"},
	"relkind.list":    {"榜单", "List"},
	"relkind.product": {"产品", "Product"},

	// honours
	"honour." + string(program.HonourTuringAward):        {"图灵奖得主", "Turing Award laureate"},
	"honour." + string(program.HonourFieldsMedal):        {"菲尔兹奖得主", "Fields Medal laureate"},
	"honour." + string(program.HonourNobelPrize):         {"诺贝尔奖得主", "Nobel laureate"},
	"honour." + string(program.HonourWolfPrize):          {"沃尔夫奖得主", "Wolf Prize laureate"},
	"honour." + string(program.HonourAcademicianCAS):     {"中国科学院院士", "CAS academician"},
	"honour." + string(program.HonourAcademicianCAE):     {"中国工程院院士", "CAE academician"},
	"honour." + string(program.HonourForeignAcademician): {"外籍院士", "Foreign academician"},
}

// T returns the UI string key in lang (zh for anything but en). An unknown
// key yields the key itself, so a missing string is visible, never blank;
// the parity test keeps that from reaching production.
func T(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == program.LangEN {
		return m.en
	}
	return m.zh
}

// enum returns the display name of an enum value of a group ("kind",
// "orgkind", "role", "speaker", "orient", "honour"), or the raw value when the
// catalogue has no name for it.
func enum[V ~string](lang, group string, v V) string {
	key := group + "." + string(v)
	if _, ok := messages[key]; !ok {
		return string(v)
	}
	return T(lang, key)
}
