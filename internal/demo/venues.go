package demo

import "convene/internal/program"

// Venue slugs.
const (
	venueMain       = "zgc-iic"                 // 中关村国际创新中心, the main venue
	venueExhibition = "zgc-exhibition-center"   // 中关村展示中心
	venueHotel      = "zgc-conference-hotel"    // an invented conference hotel
	venuePark       = "zgc-software-park"       // 中关村软件园
	roomMainHall    = "iic-main-hall"           // 主会场, about 2,000 seats
	roomRoadshow    = "zgc-ec-roadshow-hall"    // 路演厅
	roomNegotiation = "zgc-ec-negotiation-hall" // 洽谈厅
)

func venues() []program.Venue {
	return []program.Venue{
		{Slug: venueMain, Name: tx("中关村国际创新中心", "Zhongguancun International Innovation Center"),
			Address: tx("北京市海淀区", "Haidian District, Beijing")},
		{Slug: venueExhibition, Name: tx("中关村展示中心", "Zhongguancun Exhibition Center"),
			Address: tx("北京市海淀区", "Haidian District, Beijing")},
		{Slug: venueHotel, Name: tx("中关村国际会议酒店", "Zhongguancun International Conference Hotel"),
			Address: tx("北京市海淀区", "Haidian District, Beijing"), Sample: true},
		{Slug: venuePark, Name: tx("中关村软件园", "Zhongguancun Software Park"),
			Address: tx("北京市海淀区", "Haidian District, Beijing")},
	}
}

func room(venue, slug, zh, en string, capacity int) program.RoomRecord {
	// Room names and capacities are invented for the sample data.
	return program.RoomRecord{Room: program.Room{Slug: slug, Name: tx(zh, en), Capacity: capacity, Sample: true}, Venue: venue}
}

// rooms lists 23 rooms; slugs are globally unique.
func rooms() []program.RoomRecord {
	return []program.RoomRecord{
		room(venueMain, roomMainHall, "主会场", "Main Hall", 2000),
		room(venueMain, "iic-hall-a", "多功能厅A", "Multi-function Hall A", 800),
		room(venueMain, "iic-hall-b", "多功能厅B", "Multi-function Hall B", 600),
		room(venueMain, "iic-innovation-hall", "创新厅", "Innovation Hall", 500),
		room(venueMain, "iic-future-hall", "未来厅", "Future Hall", 400),
		room(venueMain, "iic-wisdom-hall", "智慧厅", "Wisdom Hall", 300),
		room(venueMain, "iic-room-101", "101会议室", "Meeting Room 101", 200),
		room(venueMain, "iic-room-102", "102会议室", "Meeting Room 102", 150),
		room(venueMain, "iic-room-103", "103会议室", "Meeting Room 103", 120),
		room(venueMain, "iic-room-201", "201会议室", "Meeting Room 201", 200),
		room(venueMain, "iic-room-202", "202会议室", "Meeting Room 202", 150),
		room(venueMain, "iic-room-203", "203会议室", "Meeting Room 203", 100),
		room(venueMain, "iic-room-205", "205会议室", "Meeting Room 205", 80),
		room(venueMain, "iic-room-301", "301会议室", "Meeting Room 301", 120),
		room(venueExhibition, "zgc-ec-lecture-hall", "报告厅", "Lecture Hall", 300),
		room(venueExhibition, roomRoadshow, "路演厅", "Roadshow Hall", 200),
		room(venueExhibition, roomNegotiation, "洽谈厅", "Negotiation Hall", 250),
		room(venueExhibition, "zgc-ec-exhibition-hall-1", "1号展厅", "Exhibition Hall 1", 800),
		room(venueHotel, "hotel-grand-ballroom", "大宴会厅", "Grand Ballroom", 700),
		room(venueHotel, "hotel-yanyuan-hall", "燕园厅", "Yanyuan Hall", 300),
		room(venueHotel, "hotel-boardroom", "贵宾会议室", "VIP Boardroom", 60),
		room(venuePark, "zpark-conference-center", "国际会议中心", "International Conference Center", 400),
		room(venuePark, "zpark-maker-space", "创客空间", "Maker Space", 150),
	}
}

// theme is a theme plus the lower-case phrase used inside English sentences.
type theme struct {
	slug, zh, en, phrase string
}

var themeTable = []theme{
	{"ai", "人工智能", "Artificial Intelligence", "artificial intelligence"},
	{"quantum", "量子科技", "Quantum Science and Technology", "quantum science and technology"},
	{"ocean", "海洋科学", "Ocean Science", "ocean science"},
	{"earth-science", "地球科学", "Earth Science", "earth science"},
	{"life-health", "生命健康", "Life Sciences and Health", "life sciences and health"},
	{"energy", "能源", "Energy", "energy"},
	{"materials", "新材料", "Advanced Materials", "advanced materials"},
	{"space", "空天科技", "Aerospace", "aerospace"},
	{"digital-economy", "数字经济", "Digital Economy", "the digital economy"},
	{"manufacturing", "先进制造", "Advanced Manufacturing", "advanced manufacturing"},
	{"integrated-circuits", "集成电路", "Integrated Circuits", "integrated circuits"},
	{"green-low-carbon", "绿色低碳", "Green and Low-Carbon Development", "green and low-carbon development"},
	{"robotics", "机器人", "Robotics", "robotics"},
	{"sci-tech-finance", "科技金融", "Sci-Tech Finance", "sci-tech finance"},
	{"regional-innovation", "区域创新", "Regional Innovation", "regional innovation"},
	{"open-cooperation", "国际科技合作", "International S&T Cooperation", "international S&T cooperation"},
	{"tech-transfer", "技术转移", "Technology Transfer", "technology transfer"},
	{"ip", "知识产权", "Intellectual Property", "intellectual property"},
	{"agriculture", "农业科技", "Agricultural Science and Technology", "agricultural science and technology"},
	{"basic-science", "基础研究", "Basic Research", "basic research"},
	{"talent", "科技人才", "S&T Talent", "S&T talent"},
	{"science-communication", "科学传播", "Science Communication", "science communication"},
}

func themeRecords() []program.Theme {
	out := make([]program.Theme, len(themeTable))
	for i, t := range themeTable {
		out[i] = program.Theme{Slug: t.slug, Name: tx(t.zh, t.en)}
	}
	return out
}

func themeOf(slug string) theme {
	for _, t := range themeTable {
		if t.slug == slug {
			return t
		}
	}
	panic("demo: unknown theme " + slug)
}
