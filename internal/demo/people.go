package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"convene/internal/program"
)

// personInfo is a Person plus what the planner needs to choose speakers.
type personInfo struct {
	program.Person
	field    string // theme slug of the person's field
	reserved bool   // appears only where named explicitly (laureates)
}

func (q *personInfo) prominence() int {
	score := 0
	for _, h := range q.Honours {
		switch h {
		case program.HonourTuringAward, program.HonourFieldsMedal, program.HonourNobelPrize, program.HonourWolfPrize:
			score += 10
		default:
			score += 3
		}
	}
	return score
}

// fields are the research fields people are drawn from (theme slugs).
var fields = []string{
	"ai", "quantum", "ocean", "earth-science", "life-health", "energy", "materials", "space",
	"digital-economy", "manufacturing", "integrated-circuits", "green-low-carbon", "robotics",
	"sci-tech-finance", "agriculture", "basic-science", "ai", "life-health", "digital-economy", "manufacturing",
}

// institution is an affiliation. kind is u (university), i (institute) or e
// (enterprise); fields empty means any field.
type institution struct {
	zh, en string
	kind   byte
	fields string
}

var cnInstitutions = []institution{
	{"清华大学", "Tsinghua University", 'u', ""},
	{"北京大学", "Peking University", 'u', ""},
	{"浙江大学", "Zhejiang University", 'u', ""},
	{"中国科学技术大学", "University of Science and Technology of China", 'u', "quantum basic-science materials"},
	{"复旦大学", "Fudan University", 'u', "life-health basic-science"},
	{"上海交通大学", "Shanghai Jiao Tong University", 'u', "manufacturing ocean"},
	{"北京航空航天大学", "Beihang University", 'u', "space manufacturing robotics"},
	{"北京理工大学", "Beijing Institute of Technology", 'u', "space robotics"},
	{"中国人民大学", "Renmin University of China", 'u', "digital-economy sci-tech-finance"},
	{"中国海洋大学", "Ocean University of China", 'u', "ocean"},
	{"中国地质大学（北京）", "China University of Geosciences (Beijing)", 'u', "earth-science"},
	{"华北电力大学", "North China Electric Power University", 'u', "energy green-low-carbon"},
	{"北京科技大学", "University of Science and Technology Beijing", 'u', "materials manufacturing"},
	{"中国农业大学", "China Agricultural University", 'u', "agriculture"},
	{"北京协和医学院", "Peking Union Medical College", 'u', "life-health"},
	{"中国科学院自动化研究所", "Institute of Automation, Chinese Academy of Sciences", 'i', "ai robotics"},
	{"中国科学院物理研究所", "Institute of Physics, Chinese Academy of Sciences", 'i', "quantum materials basic-science"},
	{"中国科学院青藏高原研究所", "Institute of Tibetan Plateau Research, Chinese Academy of Sciences", 'i', "earth-science"},
	{"中国科学院海洋研究所", "Institute of Oceanology, Chinese Academy of Sciences", 'i', "ocean"},
	{"中国科学院微电子研究所", "Institute of Microelectronics, Chinese Academy of Sciences", 'i', "integrated-circuits"},
	{"中国科学院工程热物理研究所", "Institute of Engineering Thermophysics, Chinese Academy of Sciences", 'i', "energy green-low-carbon"},
	{"北京智源人工智能研究院", "Beijing Academy of Artificial Intelligence", 'i', "ai"},
	{"北京量子信息科学研究院", "Beijing Academy of Quantum Information Sciences", 'i', "quantum"},
	{"中国信息通信研究院", "China Academy of Information and Communications Technology", 'i', "digital-economy integrated-circuits"},
	{"中国空间技术研究院", "China Academy of Space Technology", 'i', "space"},
	{"中国农业科学院", "Chinese Academy of Agricultural Sciences", 'i', "agriculture"},
	{"北京脑科学与类脑研究中心", "Chinese Institute for Brain Research, Beijing", 'i', "life-health ai"},
	{"中国科学技术发展战略研究院", "Chinese Academy of Science and Technology for Development", 'i', "sci-tech-finance digital-economy"},
	{"京华智算科技有限公司", "Jinghua Intelligent Computing Technology Co., Ltd.", 'e', "ai digital-economy"},
	{"燕园具身机器人有限公司", "Yanyuan Embodied Robotics Co., Ltd.", 'e', "robotics ai"},
	{"蓝鲸海洋装备有限公司", "Lanjing Marine Equipment Co., Ltd.", 'e', "ocean manufacturing"},
	{"星河商业航天科技有限公司", "Xinghe Commercial Aerospace Technology Co., Ltd.", 'e', "space"},
	{"清源氢能科技有限公司", "Qingyuan Hydrogen Energy Technology Co., Ltd.", 'e', "energy green-low-carbon"},
	{"康衡生物医药有限公司", "Kangheng Biopharmaceutical Co., Ltd.", 'e', "life-health"},
	{"智造云工业互联网有限公司", "Zhizaoyun Industrial Internet Co., Ltd.", 'e', "manufacturing digital-economy"},
	{"汇智创业投资有限公司", "Huizhi Venture Capital Co., Ltd.", 'e', "sci-tech-finance"},
	{"芯象微电子有限公司", "Xinxiang Microelectronics Co., Ltd.", 'e', "integrated-circuits"},
	{"丰禾种业科技有限公司", "Fenghe Seed Technology Co., Ltd.", 'e', "agriculture"},
	{"晶格新材料科技有限公司", "Jingge Advanced Materials Technology Co., Ltd.", 'e', "materials"},
}

// positions by kind of institution; the first of each list is the most common.
var positions = map[byte][]program.Text{
	'u': {tx("教授", "Professor"), tx("讲席教授", "Chair Professor"), tx("院长", "Dean"), tx("副校长", "Vice President"), tx("副教授", "Associate Professor"), tx("助理教授", "Assistant Professor")},
	'i': {tx("研究员", "Research Professor"), tx("首席科学家", "Chief Scientist"), tx("所长", "Director"), tx("副研究员", "Associate Research Professor"), tx("主任", "Head of Division")},
	'e': {tx("首席技术官", "Chief Technology Officer"), tx("董事长", "Chairman"), tx("首席执行官", "Chief Executive Officer"), tx("首席科学家", "Chief Scientist"), tx("创始人", "Founder")},
}

type syllable struct{ zh, en string }

var cnFamily = []syllable{
	{"王", "Wang"}, {"李", "Li"}, {"张", "Zhang"}, {"刘", "Liu"}, {"陈", "Chen"}, {"杨", "Yang"}, {"黄", "Huang"},
	{"赵", "Zhao"}, {"吴", "Wu"}, {"周", "Zhou"}, {"徐", "Xu"}, {"孙", "Sun"}, {"马", "Ma"}, {"朱", "Zhu"},
	{"胡", "Hu"}, {"郭", "Guo"}, {"何", "He"}, {"林", "Lin"}, {"罗", "Luo"}, {"高", "Gao"}, {"郑", "Zheng"},
	{"梁", "Liang"}, {"谢", "Xie"}, {"宋", "Song"}, {"唐", "Tang"}, {"韩", "Han"}, {"邓", "Deng"}, {"冯", "Feng"},
	{"曹", "Cao"}, {"彭", "Peng"}, {"曾", "Zeng"}, {"萧", "Xiao"}, {"田", "Tian"}, {"董", "Dong"}, {"潘", "Pan"},
	{"袁", "Yuan"}, {"蒋", "Jiang"}, {"蔡", "Cai"}, {"余", "Yu"}, {"杜", "Du"}, {"叶", "Ye"}, {"程", "Cheng"},
	{"魏", "Wei"}, {"苏", "Su"}, {"吕", "Lyu"}, {"丁", "Ding"}, {"沈", "Shen"}, {"任", "Ren"}, {"姚", "Yao"},
	{"卢", "Lu"}, {"傅", "Fu"}, {"钟", "Zhong"},
}

var cnGiven = []syllable{
	{"伟", "Wei"}, {"芳", "Fang"}, {"敏", "Min"}, {"静", "Jing"}, {"磊", "Lei"}, {"勇", "Yong"}, {"杰", "Jie"},
	{"涛", "Tao"}, {"明远", "Mingyuan"}, {"晓东", "Xiaodong"}, {"海涛", "Haitao"}, {"志强", "Zhiqiang"},
	{"雪梅", "Xuemei"}, {"丽华", "Lihua"}, {"文博", "Wenbo"}, {"子涵", "Zihan"}, {"思远", "Siyuan"},
	{"欣怡", "Xinyi"}, {"浩然", "Haoran"}, {"雨婷", "Yuting"}, {"振宇", "Zhenyu"}, {"佳琪", "Jiaqi"},
	{"宏伟", "Hongwei"}, {"春燕", "Chunyan"}, {"建华", "Jianhua"}, {"玉兰", "Yulan"}, {"国栋", "Guodong"},
	{"晨曦", "Chenxi"}, {"立新", "Lixin"}, {"慧敏", "Huimin"}, {"德明", "Deming"}, {"秀英", "Xiuying"},
	{"天翔", "Tianxiang"}, {"若楠", "Ruonan"}, {"凯文", "Kaiwen"}, {"婉清", "Wanqing"}, {"一鸣", "Yiming"},
	{"梦瑶", "Mengyao"}, {"鹏飞", "Pengfei"}, {"晓光", "Xiaoguang"}, {"永康", "Yongkang"}, {"嘉欣", "Jiaxin"},
	{"正阳", "Zhengyang"}, {"书涵", "Shuhan"}, {"俊杰", "Junjie"}, {"怡然", "Yiran"}, {"学军", "Xuejun"},
	{"红梅", "Hongmei"}, {"卫东", "Weidong"}, {"燕", "Yan"}, {"博", "Bo"}, {"琳", "Lin"}, {"震", "Zhen"}, {"峰", "Feng"},
}

// foreignName is an invented name in its usual English spelling and its
// Chinese rendering (transliteration, or characters for Japanese, Korean and
// Vietnamese names).
type foreignName struct{ en, zh string }

type foreignCountry struct {
	code  string
	insts []institution
	names []foreignName
}

var foreignCountries = []foreignCountry{
	{"US", []institution{{"斯坦福大学", "Stanford University", 'u', ""}, {"麻省理工学院", "Massachusetts Institute of Technology", 'u', ""}, {"加州大学伯克利分校", "University of California, Berkeley", 'u', ""}},
		[]foreignName{{"Daniel Whitmore", "丹尼尔·惠特莫尔"}, {"Emily Carter", "埃米莉·卡特"}, {"Michael Brennan", "迈克尔·布伦南"}, {"Sarah Lindsey", "萨拉·林赛"}, {"Kevin O'Donnell", "凯文·奥唐奈"}, {"Jessica Morales", "杰西卡·莫拉莱斯"}, {"Andrew Fischer", "安德鲁·菲舍尔"}, {"Rachel Kim", "雷切尔·金"}}},
	{"GB", []institution{{"帝国理工学院", "Imperial College London", 'u', ""}, {"牛津大学", "University of Oxford", 'u', ""}},
		[]foreignName{{"Oliver Bennett", "奥利弗·贝内特"}, {"Charlotte Hughes", "夏洛特·休斯"}, {"James Whitaker", "詹姆斯·惠特克"}, {"Eleanor Price", "埃莉诺·普赖斯"}, {"Thomas Ashworth", "托马斯·阿什沃思"}}},
	{"DE", []institution{{"慕尼黑工业大学", "Technical University of Munich", 'u', ""}, {"亥姆霍兹联合会", "Helmholtz Association", 'i', ""}},
		[]foreignName{{"Johannes Becker", "约翰内斯·贝克尔"}, {"Katrin Hoffmann", "卡特琳·霍夫曼"}, {"Stefan Richter", "斯特凡·里希特"}, {"Julia Neumann", "尤利娅·诺伊曼"}, {"Matthias Vogel", "马蒂亚斯·福格尔"}}},
	{"FR", []institution{{"索邦大学", "Sorbonne University", 'u', ""}, {"法国国家科学研究中心", "French National Centre for Scientific Research (CNRS)", 'i', ""}},
		[]foreignName{{"Pierre Lefèvre", "皮埃尔·勒菲弗"}, {"Claire Moreau", "克莱尔·莫罗"}, {"Antoine Girard", "安托万·吉拉尔"}, {"Camille Fontaine", "卡米耶·方丹"}}},
	{"JP", []institution{{"东京大学", "The University of Tokyo", 'u', ""}, {"理化学研究所", "RIKEN", 'i', ""}},
		[]foreignName{{"Ken Sato", "佐藤健"}, {"Misaki Tanaka", "田中美咲"}, {"Daisuke Yamamoto", "山本大辅"}, {"Naoko Watanabe", "渡边直子"}, {"Hiroshi Nakamura", "中村浩"}}},
	{"KR", []institution{{"韩国科学技术院", "Korea Advanced Institute of Science and Technology (KAIST)", 'u', ""}, {"首尔大学", "Seoul National University", 'u', ""}},
		[]foreignName{{"Kim Min-jun", "金敏俊"}, {"Lee Ji-hyun", "李智贤"}, {"Park Sung-ho", "朴成浩"}, {"Choi Soo-yeon", "崔秀妍"}}},
	{"SG", []institution{{"新加坡国立大学", "National University of Singapore", 'u', ""}, {"南洋理工大学", "Nanyang Technological University", 'u', ""}},
		[]foreignName{{"Tan Wei Jie", "陈伟杰"}, {"Lim Hui Min", "林慧敏"}, {"Rajan Pillai", "拉詹·皮莱"}}},
	{"RU", []institution{{"莫斯科国立大学", "Lomonosov Moscow State University", 'u', ""}, {"俄罗斯科学院", "Russian Academy of Sciences", 'i', ""}},
		[]foreignName{{"Alexei Volkov", "阿列克谢·沃尔科夫"}, {"Natalia Smirnova", "娜塔莉娅·斯米尔诺娃"}, {"Dmitry Sokolov", "德米特里·索科洛夫"}, {"Olga Kuznetsova", "奥尔加·库兹涅佐娃"}}},
	{"IT", []institution{{"米兰理工大学", "Politecnico di Milano", 'u', ""}},
		[]foreignName{{"Marco Rossi", "马尔科·罗西"}, {"Giulia Bianchi", "朱莉娅·比安基"}}},
	{"ES", []institution{{"马德里理工大学", "Technical University of Madrid", 'u', ""}},
		[]foreignName{{"Javier Fernández", "哈维尔·费尔南德斯"}, {"Lucía Navarro", "露西娅·纳瓦罗"}}},
	{"NL", []institution{{"代尔夫特理工大学", "Delft University of Technology", 'u', ""}},
		[]foreignName{{"Pieter de Vries", "彼得·德弗里斯"}, {"Sanne Jansen", "桑内·扬森"}}},
	{"SE", []institution{{"瑞典皇家理工学院", "KTH Royal Institute of Technology", 'u', ""}},
		[]foreignName{{"Erik Lindqvist", "埃里克·林德奎斯特"}, {"Ingrid Nilsson", "英格丽德·尼尔松"}}},
	{"CH", []institution{{"苏黎世联邦理工学院", "ETH Zurich", 'u', ""}},
		[]foreignName{{"Lukas Meier", "卢卡斯·迈尔"}, {"Anna Keller", "安娜·凯勒"}}},
	{"CA", []institution{{"多伦多大学", "University of Toronto", 'u', ""}, {"麦吉尔大学", "McGill University", 'u', ""}},
		[]foreignName{{"Ethan Tremblay", "伊桑·特朗布莱"}, {"Olivia Gagnon", "奥利维娅·加尼翁"}, {"Ryan MacDonald", "瑞安·麦克唐纳"}}},
	{"AU", []institution{{"墨尔本大学", "The University of Melbourne", 'u', ""}, {"澳大利亚联邦科学与工业研究组织", "CSIRO", 'i', ""}},
		[]foreignName{{"Liam Fraser", "利亚姆·弗雷泽"}, {"Chloe Mitchell", "克洛伊·米切尔"}, {"Jack Henderson", "杰克·亨德森"}}},
	{"IL", []institution{{"以色列理工学院", "Technion – Israel Institute of Technology", 'u', ""}},
		[]foreignName{{"Yosef Cohen", "约瑟夫·科恩"}, {"Tamar Levi", "塔玛尔·列维"}}},
	{"IN", []institution{{"印度科学理工学院", "Indian Institute of Science", 'u', ""}, {"印度理工学院孟买分校", "Indian Institute of Technology Bombay", 'u', ""}},
		[]foreignName{{"Rajesh Sharma", "拉杰什·夏尔马"}, {"Priya Iyer", "普丽娅·艾耶尔"}, {"Arjun Rao", "阿尔琼·拉奥"}}},
	{"BR", []institution{{"圣保罗大学", "University of São Paulo", 'u', ""}},
		[]foreignName{{"João Oliveira", "若昂·奥利维拉"}, {"Beatriz Costa", "贝亚特里斯·科斯塔"}}},
	{"ZA", []institution{{"开普敦大学", "University of Cape Town", 'u', ""}},
		[]foreignName{{"Thabo Nkosi", "塔博·恩科西"}, {"Lindiwe Dlamini", "琳迪韦·德拉米尼"}}},
	{"EG", []institution{{"开罗大学", "Cairo University", 'u', ""}},
		[]foreignName{{"Ahmed Farouk", "艾哈迈德·法鲁克"}, {"Mona Hassan", "莫娜·哈桑"}}},
	{"SA", []institution{{"阿卜杜拉国王科技大学", "King Abdullah University of Science and Technology", 'u', ""}},
		[]foreignName{{"Khalid Al-Otaibi", "哈立德·奥泰比"}, {"Faisal Al-Harbi", "费萨尔·哈尔比"}}},
	{"AE", []institution{{"哈利法大学", "Khalifa University", 'u', ""}},
		[]foreignName{{"Omar Al-Mansouri", "奥马尔·曼苏里"}, {"Fatima Al-Hashimi", "法蒂玛·哈希米"}}},
	{"PK", []institution{{"巴基斯坦国立科技大学", "National University of Sciences and Technology, Pakistan", 'u', ""}},
		[]foreignName{{"Bilal Qureshi", "比拉勒·库雷希"}, {"Ayesha Siddiqui", "阿伊莎·西迪基"}}},
	{"TH", []institution{{"朱拉隆功大学", "Chulalongkorn University", 'u', ""}},
		[]foreignName{{"Anan Srisuk", "阿南·西苏"}, {"Pimchanok Chaiyaporn", "皮姆查诺·猜亚蓬"}}},
	{"MY", []institution{{"马来亚大学", "Universiti Malaya", 'u', ""}},
		[]foreignName{{"Ahmad Faizal Hashim", "艾哈迈德·费萨尔·哈希姆"}, {"Nurul Aina Ismail", "努鲁尔·艾娜·伊斯梅尔"}}},
	{"ID", []institution{{"万隆理工学院", "Bandung Institute of Technology", 'u', ""}},
		[]foreignName{{"Budi Santoso", "布迪·桑托索"}, {"Siti Rahmawati", "西蒂·拉赫马瓦蒂"}}},
	{"VN", []institution{{"越南河内国家大学", "Vietnam National University, Hanoi", 'u', ""}},
		[]foreignName{{"Nguyễn Văn Minh", "阮文明"}, {"Trần Thị Lan", "陈氏兰"}}},
	{"KZ", []institution{{"纳扎尔巴耶夫大学", "Nazarbayev University", 'u', ""}},
		[]foreignName{{"Nurlan Abenov", "努尔兰·阿别诺夫"}, {"Aigerim Zhakupova", "艾格丽姆·扎库波娃"}}},
	{"NZ", []institution{{"奥克兰大学", "The University of Auckland", 'u', ""}},
		[]foreignName{{"Hamish Campbell", "哈米什·坎贝尔"}, {"Aroha Ngata", "阿罗哈·恩加塔"}}},
	{"HU", []institution{{"布达佩斯技术与经济大学", "Budapest University of Technology and Economics", 'u', ""}},
		[]foreignName{{"Péter Kovács", "彼得·科瓦奇"}, {"Eszter Nagy", "埃斯特·纳吉"}}},
	{"RS", []institution{{"贝尔格莱德大学", "University of Belgrade", 'u', ""}},
		[]foreignName{{"Marko Petrović", "马尔科·彼得罗维奇"}, {"Jelena Jovanović", "耶莱娜·约万诺维奇"}}},
	{"GR", []institution{{"雅典国立技术大学", "National Technical University of Athens", 'u', ""}},
		[]foreignName{{"Nikos Papadopoulos", "尼科斯·帕帕多普洛斯"}, {"Eleni Georgiou", "埃莱妮·耶奥尔尤"}}},
	{"TR", []institution{{"中东技术大学", "Middle East Technical University", 'u', ""}},
		[]foreignName{{"Emre Kaya", "埃姆雷·卡亚"}, {"Ayşe Demir", "艾谢·德米尔"}}},
	{"KE", []institution{{"内罗毕大学", "University of Nairobi", 'u', ""}},
		[]foreignName{{"Wanjiru Kamau", "万吉鲁·卡毛"}, {"Otieno Odhiambo", "奥蒂耶诺·奥迪安博"}}},
	{"NG", []institution{{"拉各斯大学", "University of Lagos", 'u', ""}},
		[]foreignName{{"Chinedu Okafor", "奇内杜·奥卡福"}, {"Adaeze Nwosu", "阿达泽·恩沃苏"}}},
	{"NP", []institution{{"特里布文大学", "Tribhuvan University", 'u', "earth-science"}, {"国际山地综合发展中心", "International Centre for Integrated Mountain Development (ICIMOD)", 'i', "earth-science"}},
		[]foreignName{{"Ramesh Shrestha", "拉梅什·施雷斯塔"}, {"Sita Gurung", "悉达·古隆"}, {"Bikash Thapa", "比卡什·塔帕"}}},
	{"AR", []institution{{"布宜诺斯艾利斯大学", "University of Buenos Aires", 'u', ""}},
		[]foreignName{{"Martín Romero", "马丁·罗梅罗"}, {"Valentina López", "瓦伦蒂娜·洛佩斯"}}},
	{"MX", []institution{{"墨西哥国立自治大学", "National Autonomous University of Mexico", 'u', ""}},
		[]foreignName{{"Alejandro Martínez", "亚历杭德罗·马丁内斯"}, {"Elena García", "埃莱娜·加西亚"}}},
	{"PT", []institution{{"里斯本大学", "University of Lisbon", 'u', ""}},
		[]foreignName{{"Rafael Almeida", "拉斐尔·阿尔梅达"}, {"Mariana Pereira", "玛丽安娜·佩雷拉"}}},
	{"FI", []institution{{"赫尔辛基大学", "University of Helsinki", 'u', ""}},
		[]foreignName{{"Mikko Virtanen", "米科·维尔塔宁"}, {"Aino Korhonen", "艾诺·科尔霍宁"}}},
	{"DK", []institution{{"丹麦技术大学", "Technical University of Denmark", 'u', ""}},
		[]foreignName{{"Søren Nielsen", "瑟伦·尼尔森"}, {"Mette Christensen", "梅特·克里斯滕森"}}},
	{"AT", []institution{{"维也纳技术大学", "TU Wien", 'u', ""}},
		[]foreignName{{"Florian Gruber", "弗洛里安·格鲁伯"}, {"Verena Huber", "韦雷娜·胡贝尔"}}},
}

// notable persons are invented laureates and foreign academicians; they only
// appear where an activity names them.
type notable struct {
	slug, en, zh, country string
	aff                   institution
	pos                   program.Text
	field                 string
	honours               []program.Honour
}

var notables = []notable{
	{"richard-hallam", "Richard Hallam", "理查德·哈勒姆", "US", institution{"斯坦福大学", "Stanford University", 'u', ""}, tx("教授", "Professor"), "ai", []program.Honour{program.HonourTuringAward}},
	{"margaret-ellison", "Margaret Ellison", "玛格丽特·埃利森", "US", institution{"卡内基梅隆大学", "Carnegie Mellon University", 'u', ""}, tx("教授", "Professor"), "ai", []program.Honour{program.HonourTuringAward, program.HonourForeignAcademician}},
	{"alan-whitfield", "Alan Whitfield", "艾伦·惠特菲尔德", "GB", institution{"爱丁堡大学", "The University of Edinburgh", 'u', ""}, tx("荣休教授", "Emeritus Professor"), "ai", []program.Honour{program.HonourTuringAward}},
	{"ehud-baram", "Ehud Baram", "埃胡德·巴拉姆", "IL", institution{"魏茨曼科学研究所", "Weizmann Institute of Science", 'i', ""}, tx("教授", "Professor"), "digital-economy", []program.Honour{program.HonourTuringAward}},
	{"zhou-qiheng", "Zhou Qiheng", "周启衡", "CN", institution{"北京大学", "Peking University", 'u', ""}, tx("讲席教授", "Chair Professor"), "ai", []program.Honour{program.HonourTuringAward, program.HonourAcademicianCAS}},
	{"laurent-chevalier", "Laurent Chevalier", "洛朗·舍瓦利耶", "FR", institution{"法国高等科学研究所", "Institut des Hautes Études Scientifiques (IHÉS)", 'i', ""}, tx("常任教授", "Permanent Professor"), "basic-science", []program.Honour{program.HonourFieldsMedal}},
	{"kenji-morimoto", "Kenji Morimoto", "森本健二", "JP", institution{"京都大学", "Kyoto University", 'u', ""}, tx("教授", "Professor"), "basic-science", []program.Honour{program.HonourFieldsMedal}},
	{"sofia-andrade", "Sofia Andrade", "索菲娅·安德拉德", "BR", institution{"巴西国家纯粹与应用数学研究所", "Instituto Nacional de Matemática Pura e Aplicada (IMPA)", 'i', ""}, tx("研究员", "Researcher"), "basic-science", []program.Honour{program.HonourFieldsMedal}},
	{"hans-bruckner", "Hans Brückner", "汉斯·布吕克纳", "DE", institution{"马克斯·普朗克学会", "Max Planck Society", 'i', ""}, tx("所长", "Director"), "materials", []program.Honour{program.HonourNobelPrize, program.HonourForeignAcademician}},
	{"jonathan-ashby", "Jonathan Ashby", "乔纳森·阿什比", "GB", institution{"剑桥大学", "University of Cambridge", 'u', ""}, tx("教授", "Professor"), "quantum", []program.Honour{program.HonourNobelPrize}},
	{"catherine-holloway", "Catherine Holloway", "凯瑟琳·霍洛韦", "US", institution{"洛克菲勒大学", "The Rockefeller University", 'u', ""}, tx("教授", "Professor"), "life-health", []program.Honour{program.HonourNobelPrize}},
	{"takeshi-onodera", "Takeshi Onodera", "小野寺武", "JP", institution{"名古屋大学", "Nagoya University", 'u', ""}, tx("特聘教授", "Distinguished Professor"), "energy", []program.Honour{program.HonourNobelPrize}},
	{"avraham-katz", "Avraham Katz", "阿夫拉哈姆·卡茨", "IL", institution{"耶路撒冷希伯来大学", "The Hebrew University of Jerusalem", 'u', ""}, tx("教授", "Professor"), "agriculture", []program.Honour{program.HonourWolfPrize}},
	{"chen-qiming", "Chen Qiming", "陈启铭", "CN", institution{"中国农业科学院", "Chinese Academy of Agricultural Sciences", 'i', ""}, tx("研究员", "Research Professor"), "agriculture", []program.Honour{program.HonourWolfPrize, program.HonourAcademicianCAE}},
	{"sven-eklund", "Sven Eklund", "斯文·埃克伦德", "SE", institution{"瑞典皇家理工学院", "KTH Royal Institute of Technology", 'u', ""}, tx("教授", "Professor"), "energy", []program.Honour{program.HonourForeignAcademician}},
	{"rajiv-menon", "Rajiv Menon", "拉吉夫·梅农", "IN", institution{"印度科学理工学院", "Indian Institute of Science", 'u', ""}, tx("教授", "Professor"), "space", []program.Honour{program.HonourForeignAcademician}},
	{"ingrid-solberg", "Ingrid Solberg", "英格丽德·索尔贝格", "NO", institution{"卑尔根大学", "University of Bergen", 'u', ""}, tx("教授", "Professor"), "ocean", []program.Honour{program.HonourForeignAcademician}},
}

// numbers of generated people
const (
	cnPeople          = 225
	cnAcademiciansCAS = 36
	cnAcademiciansCAE = 30
)

// buildPeople returns the people register: notables, then invented Chinese
// names, then invented foreign names, all deterministic.
func buildPeople() []*personInfo {
	rng := rand.New(rand.NewPCG(2025, 327))
	var out []*personInfo
	seen := map[string]bool{}
	add := func(q *personInfo) {
		base := q.Slug
		for n := 2; seen[q.Slug]; n++ {
			q.Slug = fmt.Sprintf("%s-%d", base, n)
		}
		seen[q.Slug] = true
		q.Sample = true
		out = append(out, q)
	}
	for _, n := range notables {
		add(&personInfo{Person: program.Person{
			Slug: n.slug, Name: tx(n.zh, n.en), Position: n.pos, Affiliation: tx(n.aff.zh, n.aff.en),
			Country: n.country, Honours: append([]program.Honour(nil), n.honours...),
		}, field: n.field, reserved: true})
	}
	// Chinese names: distinct pinyin makes distinct slugs.
	used := map[string]bool{}
	for i := 0; i < cnPeople; {
		f := cnFamily[rng.IntN(len(cnFamily))]
		g := cnGiven[rng.IntN(len(cnGiven))]
		zh := f.zh + g.zh
		if used[zh] || zh == "周启衡" || zh == "陈启铭" {
			continue
		}
		used[zh] = true
		field := fields[i%len(fields)]
		inst := pickInstitution(rng, cnInstitutions, field)
		var honours []program.Honour
		var pos program.Text
		switch {
		case i < cnAcademiciansCAS && inst.kind != 'e':
			honours = []program.Honour{program.HonourAcademicianCAS}
			pos = positions[inst.kind][rng.IntN(3)]
		case i >= cnAcademiciansCAS && i < cnAcademiciansCAS+cnAcademiciansCAE:
			honours = []program.Honour{program.HonourAcademicianCAE}
			pos = positions[inst.kind][rng.IntN(3)]
		default:
			list := positions[inst.kind]
			pos = list[rng.IntN(len(list))]
		}
		add(&personInfo{Person: program.Person{
			Slug: slugify(f.en + " " + g.en), Name: tx(zh, f.en+" "+g.en), Position: pos,
			Affiliation: tx(inst.zh, inst.en), Country: "CN", Honours: honours,
		}, field: field})
		i++
	}
	k := 0
	for _, c := range foreignCountries {
		for j, n := range c.names {
			inst := c.insts[j%len(c.insts)]
			field := fields[(k*7+3)%len(fields)]
			if inst.fields != "" {
				field = words(inst.fields)[0]
			}
			var honours []program.Honour
			if k%9 == 4 {
				honours = []program.Honour{program.HonourForeignAcademician}
			}
			list := positions[inst.kind]
			add(&personInfo{Person: program.Person{
				Slug: slugify(n.en), Name: tx(n.zh, n.en), Position: list[(k*5)%4],
				Affiliation: tx(inst.zh, inst.en), Country: c.code, Honours: honours,
			}, field: field})
			k++
		}
	}
	return out
}

func pickInstitution(rng *rand.Rand, list []institution, field string) institution {
	var fit []institution
	for _, in := range list {
		if in.fields == "" || contains(words(in.fields), field) {
			fit = append(fit, in)
		}
	}
	return fit[rng.IntN(len(fit))]
}

var fold = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ă", "a", "ầ", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "ễ", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ı", "i", "ị", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "ć", "c", "č", "c", "ñ", "n", "ş", "s", "š", "s", "ž", "z",
)

// slugify makes a lowercase ASCII kebab-case slug from a Latin-script name.
func slugify(s string) string {
	s = fold.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}
