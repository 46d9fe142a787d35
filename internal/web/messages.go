package web

import (
	"fmt"

	"convene/internal/program"
	"convene/internal/registration"
)

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
	"nav.register":    {"注册", "Register"},
	"nav.me":          {"我的", "My registration"},

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

	"error.401":          {"需要登录", "Sign-in required"},
	"error.403":          {"没有权限", "Not allowed"},
	"error.409":          {"无法完成", "Cannot be done"},
	"error.unauthorized": {"需要有效的凭证才能查看此页面。", "A valid token is needed to see this page."},
	"error.forbidden":    {"您的凭证无权进行此操作。", "Your token does not allow this."},
	"error.gone":         {"该注册已被组委会撤销。", "This registration was withdrawn by the secretariat."},
	"error.form":         {"无法读取提交的表单，或表单过大。", "The form sent could not be read, or it was too large."},

	// registration form
	"register.title":        {"参会注册", "Register"},
	"register.lead":         {"注册后即可获得电子票（二维码），并可报名参加各场活动。", "Register to get your ticket (a QR code) and to sign up for activities."},
	"register.required":     {"必填", "required"},
	"register.name":         {"姓名", "Name"},
	"register.email":        {"电子邮箱", "Email"},
	"register.phone":        {"手机号码", "Phone"},
	"register.organisation": {"工作单位", "Organisation"},
	"register.country":      {"国家或地区代码", "Country or region code"},
	"register.country_hint": {"两个字母，如 CN、DE", "two letters, such as CN or DE"},
	"register.kind":         {"参会类别", "Registering as"},
	"register.invitation":   {"邀请码", "Invitation code"},
	"register.inv_hint":     {"除普通参会者外，其他类别均需邀请码。", "Every kind but attendee needs an invitation code."},
	"register.submit":       {"提交注册", "Register"},
	"register.fix":          {"请修改标出的内容后重新提交。", "Please correct the fields marked below and send the form again."},
	"register.already":      {"您已在本浏览器注册。", "You are already registered on this browser."},
	"register.go_me":        {"查看我的注册", "See my registration"},
	"register.privacy":      {"您的信息仅用于本届年会的参会管理。", "Your details are used only to run this edition's registration."},

	"register.problem.required":            {"此项必填。", "This field is required."},
	"register.problem.too_long":            {"内容过长。", "This is too long."},
	"register.problem.email":               {"不是有效的邮箱地址，例如 name@example.org。", "This is not an email address like name@example.org."},
	"register.problem.phone":               {"只能包含数字、空格、+、- 和括号。", "Use only digits, spaces, +, - and brackets."},
	"register.problem.country":             {"请填写两个字母的国家或地区代码，如 CN、DE。", "Use a two-letter code such as CN or DE."},
	"register.problem.kind":                {"请选择列表中的参会类别。", "Choose one of the kinds in the list."},
	"register.problem.invitation_required": {"该参会类别需要邀请码。", "This kind of registration needs an invitation code."},
	"register.problem.encoding":            {"包含无效字符（不是有效的 UTF-8 文本）。", "This contains invalid characters (not valid UTF-8)."},
	"register.problem.control":             {"包含控制字符。", "This contains control characters."},
	"register.problem.taken":               {"该邮箱已注册本届年会。如已注册，请使用注册后获得的个人链接登录。", "This email is already registered for this edition. If it is yours, sign in with your personal access link."},
	"register.problem.invitation_unknown":  {"没有这个邀请码，请核对后重新输入。", "There is no such invitation code; check it and type it again."},
	"register.problem.invitation_kind":     {"该邀请码不适用于所选的参会类别。", "This invitation code does not admit the kind chosen."},
	"register.problem.invitation_used_up":  {"该邀请码的名额已用完。", "This invitation code has admitted all the people it was issued for."},
	"register.problem.other":               {"输入有误", "Not valid"},

	// attendee kinds
	"regkind." + string(registration.KindAttendee):  {"普通参会者", "Attendee"},
	"regkind." + string(registration.KindGuest):     {"嘉宾", "Guest"},
	"regkind." + string(registration.KindMedia):     {"媒体", "Media"},
	"regkind." + string(registration.KindStaff):     {"工作人员", "Staff"},
	"regkind." + string(registration.KindExhibitor): {"参展商", "Exhibitor"},

	// the personal access link
	"access.invalid": {"该个人链接无效或已失效。如尚未注册，请先注册。", "This personal link is not valid. If you have not registered yet, please register."},

	// the attendee's page
	"me.title":         {"我的注册", "My registration"},
	"me.kind":          {"类别", "Registered as"},
	"me.organisation":  {"单位", "Organisation"},
	"me.email":         {"邮箱", "Email"},
	"me.ticket":        {"电子票", "Ticket"},
	"me.ticket_hint":   {"入场时请出示此二维码；无法扫码时，工作人员可输入下方票码。", "Show this QR code at the entrance; if it cannot be scanned, staff can type the code below."},
	"me.code":          {"票码", "Ticket code"},
	"me.print":         {"打印电子票", "Print the ticket"},
	"me.png":           {"下载图片（PNG）", "Download image (PNG)"},
	"me.svg":           {"下载矢量图（SVG）", "Download vector image (SVG)"},
	"me.withdrawn":     {"您的注册已被组委会撤销，电子票已失效。", "Your registration was withdrawn by the secretariat; your ticket no longer admits."},
	"me.reissue":       {"重新生成电子票", "Issue a new ticket"},
	"me.reissue_hint":  {"电子票遗失或被他人获取时使用：生成新票后，旧票码立即失效。", "For a lost ticket, or one someone else has seen: once the new ticket is issued, the old code stops working."},
	"me.access":        {"个人链接", "Personal access link"},
	"me.access_hint":   {"请收藏此链接，在其他设备上打开即可登录。请勿分享给他人。", "Bookmark this link to sign in on another device. Do not share it."},
	"me.agenda":        {"我的日程", "My agenda"},
	"me.agenda_none":   {"您还没有报名任何活动。可在活动页面报名。", "You have not signed up for any activity yet. Sign up on an activity's page."},
	"me.browse":        {"浏览议程", "Browse the agenda"},
	"me.calendar":      {"订阅我的日程（iCal）", "Subscribe to my agenda (iCal)"},
	"me.calendar_hint": {"已确认座位的活动会出现在日历应用中；此地址只用于日历，请勿分享。", "Activities where you have a seat appear in your calendar app; the address is for the calendar only, do not share it."},
	"me.confirmed":     {"已确认座位", "Seat confirmed"},
	"me.waiting":       {"候补第 %d 位", "waiting list, position %d"},
	"me.seats":         {"座位 %d / %d，候补 %d 人", "%d of %d seats taken, %d waiting"},
	"me.overlaps":      {"时间冲突", "Overlaps"},
	"me.cancel":        {"取消报名", "Cancel"},
	"me.room":          {"会场", "Room"},

	"flash.registered": {"注册成功。您的电子票如下。", "You are registered. Here is your ticket."},
	"flash.reissued":   {"已生成新电子票，旧票码已失效。", "A new ticket was issued; the old code no longer admits."},
	"flash.confirmed":  {"已为您保留“%s”的座位。", "You have a seat at %s."},
	"flash.waiting":    {"“%s”座位已满，您在候补名单第 %d 位；有人取消时将按顺序自动递补。", "%s is full: you are on the waiting list, position %d. When someone cancels, the next person waiting gets the seat automatically."},
	"flash.cancelled":  {"已取消“%s”的报名。", "Your sign-up for %s is cancelled."},

	// sign-up on an activity's page (cached: static text only)
	"signup.title":   {"报名参加", "Sign up"},
	"signup.button":  {"报名", "Sign up"},
	"signup.note":    {"需先注册。座位已满时将进入候补名单，有人取消时按顺序自动递补。", "You need to be registered. When the seats are taken you join the waiting list; seats that free up go to the next person waiting."},
	"signup.already": {"您已报名“%s”。", "You have already signed up for %s."},
	"signup.closed":  {"“%s”不接受报名。", "%s does not take sign-ups."},
	"cancel.none":    {"您没有报名“%s”，无需取消。", "You are not signed up for %s; there is nothing to cancel."},

	// the printable ticket
	"ticket.title": {"电子票", "Ticket"},
	"ticket.back":  {"返回我的注册", "Back to my registration"},
	"ticket.print": {"使用浏览器的打印功能打印本页。", "Print this page with your browser's print command."},

	// check-in
	"checkin.title":      {"入场签到", "Check-in"},
	"checkin.signin":     {"工作人员登录", "Staff sign-in"},
	"checkin.token":      {"工作人员凭证", "Staff token"},
	"checkin.token_hint": {"粘贴以 cvs_ 开头的凭证（由组委会发放）。", "Paste the token starting with cvs_ that the secretariat gave you."},
	"checkin.signin_go":  {"登录", "Sign in"},
	"checkin.signout":    {"退出", "Sign out"},
	"checkin.bad_token":  {"凭证无效，或不属于本届年会。", "This token is not valid, or is for another edition."},
	"checkin.as":         {"当前登录", "Signed in as"},
	"checkin.place":      {"签到地点", "Checking in at"},
	"checkin.gate":       {"入口（年会入场）", "The gate (entry to the edition)"},
	"checkin.change":     {"切换", "Change"},
	"checkin.code":       {"票码", "Ticket code"},
	"checkin.code_hint":  {"扫码枪扫描或手动输入票码后按回车。", "Scan with a scanner, or type the code and press Enter."},
	"checkin.go":         {"签到", "Check in"},
	"checkin.no_code":    {"请输入票码。", "Type or scan a ticket code."},
	"checkin.admin":      {"座位与签到统计", "Seats and check-in counts"},

	"checkin.or_account":    {"有组委会账号？", "Have an account with the secretariat?"},
	"checkin.account_login": {"使用账号登录", "Sign in with your account"},

	// accounts: the sign-in page and the header's account block
	"login.title":      {"登录", "Sign in"},
	"login.lead":       {"供组委会、编辑、工作人员和媒体使用账号登录。", "For the secretariat, editors, staff and the press, with their accounts."},
	"login.email":      {"邮箱", "Email"},
	"login.password":   {"密码", "Password"},
	"login.submit":     {"登录", "Sign in"},
	"login.already":    {"您已登录", "You are signed in"},
	"login.bad":        {"邮箱或密码不正确。", "The email or the password is wrong."},
	"login.too_many":   {"登录失败次数过多，请 15 分钟后再试。", "Too many failed sign-ins. Wait a quarter of an hour and try again."},
	"login.forgot":     {"忘记密码？", "Forgot your password?"},
	"login.reset_done": {"新密码已设置，请登录。", "Your new password is set; sign in with it."},
	"reset.title":      {"重置密码", "Reset your password"},
	"reset.lead":       {"输入账号邮箱，我们会发送一个设置新密码的链接（1 小时内有效，只能使用一次）。", "Enter your account's email and we will send a link to set a new password (valid for an hour, once)."},
	"reset.send":       {"发送链接", "Send the link"},
	"reset.sent":       {"如果该邮箱有账号，设置新密码的链接已发送到该邮箱。", "If an account has this email, a link to set a new password is on its way there."},
	"reset.choose":     {"请设置新密码，至少 12 个字符。设置后，此账号在所有设备上的登录都会失效。", "Choose a new password of at least 12 characters. Setting it signs the account out everywhere."},
	"reset.new":        {"新密码", "New password"},
	"reset.repeat":     {"再次输入新密码", "The new password again"},
	"reset.set":        {"设置新密码", "Set the new password"},
	"reset.mismatch":   {"两次输入的密码不一致。", "The two passwords differ."},
	"reset.short":      {"密码至少需要 12 个字符。", "A password needs at least 12 characters."},
	"reset.bad_link":   {"此链接无效、已使用或已过期。", "This link is unknown, used or expired."},
	"reset.again":      {"重新申请重置链接", "Ask for a new link"},
	"account.signin":   {"登录", "Sign in"},
	"account.signout":  {"退出登录", "Sign out"},

	"staffrole.checkin": {"签到人员", "check-in staff"},
	"staffrole.admin":   {"组委会", "secretariat"},

	"outcome.admitted":              {"准予入场", "Admitted"},
	"outcome.already_checked_in":    {"已签到过", "Already checked in"},
	"outcome.not_registered":        {"未报名该活动", "Not signed up here"},
	"outcome.unknown":               {"无效票码", "Unknown ticket"},
	"outcome.revoked":               {"电子票已失效", "Ticket withdrawn"},
	"outcome.already_detail":        {"已于 %s 由 %s 签到。", "Checked in at %s by %s."},
	"outcome.not_registered_detail": {"电子票有效，但持票人没有“%s”的确认座位。", "The ticket is valid, but its holder has no confirmed seat at %s."},
	"outcome.revoked_detail":        {"该票已于 %s 失效。", "This ticket stopped admitting on %s."},
	"outcome.unknown_detail":        {"票码无法识别：可能输错、伪造或属于其他届年会。", "This code is not one of ours: mistyped, forged, or for another edition."},

	// the secretariat's counts
	"seats.title":     {"座位与签到统计", "Seats and check-ins"},
	"seats.activity":  {"活动", "Activity"},
	"seats.when":      {"时间", "When"},
	"seats.room":      {"会场", "Room"},
	"seats.capacity":  {"座位", "Seats"},
	"seats.confirmed": {"已确认", "Confirmed"},
	"seats.waiting":   {"候补", "Waiting"},
	"seats.in":        {"已签到", "Checked in"},
	"seats.full":      {"已满", "Full"},
	"seats.downloads": {"下载名单", "Download the lists"},
	"seats.csv":       {"参会及报名名单（CSV）", "Attendees and sign-ups (CSV)"},
	"seats.xlsx":      {"参会及报名名单（Excel）", "Attendees and sign-ups (Excel)"},
	"seats.live":      {"数据为实时统计，刷新页面即可更新。", "Live figures: reload the page to update them."},

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

	// the secretariat's program page
	"program.title":                 {"议程文件", "Program file"},
	"program.intro":                 {"以表格下载本届议程（含草稿），修改后上传。上传要么全部生效，要么一行都不写入；先勾选“仅检查”可预览改动。", "Download this edition's program as a spreadsheet (drafts included), change it and upload it. An upload applies completely or not at all; tick “check only” to preview the changes."},
	"program.upload":                {"上传议程表", "Upload a program file"},
	"program.file":                  {"XLSX 或 CSV 文件", "XLSX or CSV file"},
	"program.limit":                 {"最大 %d MB；CSV 可为 UTF-8 或 GBK 编码。", "At most %d MB; CSV in UTF-8 or GBK."},
	"program.dry_run":               {"仅检查，不写入", "Check only, write nothing"},
	"program.draft":                 {"保存为草稿，暂不发布", "Keep as a draft, do not publish yet"},
	"program.published":             {"已发布为公开日程第 %d 版。", "Published as version %d of the public program."},
	"program.kept_draft":            {"已保存为草稿，发布后公众可见。", "Kept as a draft; the public sees it once published."},
	"program.submit":                {"上传", "Upload"},
	"program.refused":               {"文件未导入：请修改以下问题后重新上传", "The file was not imported: fix these problems and upload it again"},
	"program.checked":               {"检查完成（未写入）", "Checked (nothing written)"},
	"program.imported":              {"已导入", "Imported"},
	"program.applied":               {"已应用 %d 处改动，议程工作稿现为第 %d 次修订。", "%d change(s) applied; the working copy is now at revision %d."},
	"program.would_apply":           {"将应用 %d 处改动（工作稿第 %d 次修订）。", "%d change(s) would be applied (to revision %d of the working copy)."},
	"program.unchanged":             {"文件与现有议程一致，没有改动（工作稿第 %[2]d 次修订）。", "The file matches the program (revision %[2]d of the working copy): nothing to change."},
	"program.change.added":          {"%s：新增 %s", "%s: %s added"},
	"program.change.removed":        {"%s：删除 %s", "%s: %s removed"},
	"program.change.changed":        {"%s：修改 %s", "%s: %s changed"},
	"program.field":                 {"%s：“%s” → “%s”", "%s: “%s” → “%s”"},
	"program.notes":                 {"公共名录", "Shared registers"},
	"program.note.added":            {"%s %s：新增", "%s %s: new, added"},
	"program.note.kept":             {"%s %s：文件与数据库不同，保留数据库中的内容（导入不修改公共名录）", "%s %s: differs from the database, whose version is kept (an import does not change the shared registers)"},
	"program.register.organisation": {"机构", "organisation"},
	"program.register.person":       {"人员", "person"},
	"program.register.venue":        {"场馆", "venue"},
	"program.register.room":         {"会场", "room"},
	"program.register.theme":        {"主题", "theme"},
	"program.downloads":             {"下载本届议程", "Download this edition's program"},
	"program.downloads.note":        {"含草稿活动，仅供秘书处使用；公开议程见日程订阅。", "Drafts included, for the secretariat only; the public program is in the feeds."},
	"program.download.xlsx.zh":      {"XLSX（中文表头）", "XLSX (Chinese headers)"},
	"program.download.xlsx.en":      {"XLSX（英文表头）", "XLSX (English headers)"},
	"program.download.csv.zh":       {"CSV（中文表头）", "CSV (Chinese headers)"},
	"program.download.csv.en":       {"CSV（英文表头）", "CSV (English headers)"},
	"program.templates":             {"空白模板", "Empty templates"},
	"program.template.xlsx.zh":      {"XLSX 模板（中文表头）", "XLSX template (Chinese headers)"},
	"program.template.xlsx.en":      {"XLSX 模板（英文表头）", "XLSX template (English headers)"},
	"program.template.csv.zh":       {"CSV 模板（中文表头）", "CSV template (Chinese headers)"},
	"program.template.csv.en":       {"CSV 模板（英文表头）", "CSV template (English headers)"},
	"program.layout":                {"列的含义见项目文档 docs/spreadsheet.md；中英文表头均可导入。", "The columns are described in docs/spreadsheet.md; Chinese and English headers are both accepted."},
	"program.no_file":               {"请选择要上传的文件。", "Choose a file to upload."},
	"program.too_large":             {"文件超过大小上限，未导入。", "The file is larger than the limit; nothing was imported."},

	// the secretariat's audit log
	"audit.title":                        {"操作日志", "Audit log"},
	"audit.lead":                         {"每一项管理操作：谁、何时、做了什么、改动前后。最新的在前。", "Every administrative change: who, when, what, before and after. Newest first."},
	"audit.when":                         {"时间", "When"},
	"audit.actor":                        {"操作者", "Who"},
	"audit.action":                       {"操作", "What"},
	"audit.subject":                      {"对象", "Subject"},
	"audit.change":                       {"改动", "Change"},
	"audit.before":                       {"改前", "before"},
	"audit.after":                        {"改后", "after"},
	"audit.none":                         {"还没有任何管理操作。", "No administrative change yet."},
	"audit.more":                         {"更早的记录", "Older entries"},
	"audit.action.program.create":        {"创建年会议程", "program created"},
	"audit.action.program.import":        {"导入议程改动", "program changes imported"},
	"audit.action.registration.withdraw": {"撤销注册", "registration withdrawn"},
	"audit.action.invitation.create":     {"创建邀请码", "invitation code created"},
	"audit.action.staff_token.create":    {"创建工作人员凭证", "staff token created"},
	"audit.action.user.add":              {"添加账号", "account added"},
	"audit.action.user.disable":          {"停用账号", "account disabled"},
	"audit.action.staff_token.revoke":    {"吊销工作人员凭证", "staff token revoked"},
	"audit.action.user_token.create":     {"创建账号 API 凭证", "account API token created"},

	// the press view of releases
	"press.title":     {"媒体通道：全部发布（含禁发内容）", "Press: all releases, embargoed ones included"},
	"press.lead":      {"标注禁发的内容在禁发时间前不得报道；公开页面在禁发解除前不显示这些内容。", "Items marked embargoed must not be reported before their time; the public pages show them only once the embargo lifts."},
	"press.embargoed": {"禁发至 %s", "embargoed until %s"},
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

// Tf is T with the message used as a fmt format for args.
func Tf(lang, key string, args ...any) string { return fmt.Sprintf(T(lang, key), args...) }

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
