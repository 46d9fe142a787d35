package demo

import "convene/internal/program"

func org(slug, zh, en string, kind program.OrgKind, country, website string, sample bool) program.Organisation {
	o := program.Organisation{Slug: slug, Name: tx(zh, en), Kind: kind, Country: country, Website: website, Sample: sample}
	if short, ok := shortNames[slug]; ok {
		o.ShortName = short
	}
	return o
}

// shortNames are the names the press uses in sentences (科技部, not
// 科学技术部); the source document itself says 科技部, 国家自然科学基金委 and
// 中国科技发展战略研究院.
var shortNames = map[string]program.Text{
	"most":    tx("科技部", "MOST"),
	"ndrc":    tx("国家发展改革委", "NDRC"),
	"miit":    tx("工业和信息化部", "MIIT"),
	"nhc":     tx("国家卫生健康委", "NHC"),
	"mara":    tx("农业农村部", "MARA"),
	"moe":     tx("教育部", "MOE"),
	"nsfc":    tx("国家自然科学基金委", "NSFC"),
	"sasac":   tx("国务院国资委", "SASAC"),
	"cnipa":   tx("国家知识产权局", "CNIPA"),
	"cma":     tx("中国气象局", "CMA"),
	"cnsa":    tx("国家航天局", "CNSA"),
	"nea":     tx("国家能源局", "NEA"),
	"nda":     tx("国家数据局", "NDA"),
	"cas":     tx("中国科学院", "CAS"),
	"cae":     tx("中国工程院", "CAE"),
	"cams":    tx("中国医学科学院", "CAMS"),
	"cast":    tx("中国科协", "CAST"),
	"cdpf":    tx("中国残联", "CDPF"),
	"casted":  tx("中国科技发展战略研究院", "CASTED"),
	"beijing": tx("北京市政府", "the Beijing Municipal Government"),
	"bjstc":   tx("北京市科委、中关村管委会", "the Beijing Municipal S&T Commission and Zhongguancun Administrative Commission"),
	"caict":   tx("中国信通院", "CAICT"),
}

// organisations is the shared register. Real organisations (Sample false) are
// named as they call themselves; their part in an activity is only as real as
// the activity. Invented organisations are marked Sample.
func organisations() []program.Organisation {
	const (
		min  = program.OrgMinistry
		agy  = program.OrgAgency
		loc  = program.OrgLocalGovernment
		acad = program.OrgAcademy
		uni  = program.OrgUniversity
		inst = program.OrgResearchInstitute
		ent  = program.OrgEnterprise
		intl = program.OrgInternational
		assn = program.OrgAssociation
		med  = program.OrgMedia
	)
	return []program.Organisation{
		// Ministries and national agencies.
		org("most", "科学技术部", "Ministry of Science and Technology (MOST)", min, "CN", "https://www.most.gov.cn", false),
		org("ndrc", "国家发展和改革委员会", "National Development and Reform Commission (NDRC)", min, "CN", "https://www.ndrc.gov.cn", false),
		org("miit", "工业和信息化部", "Ministry of Industry and Information Technology (MIIT)", min, "CN", "https://www.miit.gov.cn", false),
		org("moe", "教育部", "Ministry of Education (MOE)", min, "CN", "http://www.moe.gov.cn", false),
		org("nhc", "国家卫生健康委员会", "National Health Commission (NHC)", min, "CN", "http://www.nhc.gov.cn", false),
		org("mara", "农业农村部", "Ministry of Agriculture and Rural Affairs (MARA)", min, "CN", "http://www.moa.gov.cn", false),
		org("nsfc", "国家自然科学基金委员会", "National Natural Science Foundation of China (NSFC)", agy, "CN", "https://www.nsfc.gov.cn", false),
		org("sasac", "国务院国有资产监督管理委员会", "State-owned Assets Supervision and Administration Commission of the State Council (SASAC)", agy, "CN", "http://www.sasac.gov.cn", false),
		org("cnipa", "国家知识产权局", "China National Intellectual Property Administration (CNIPA)", agy, "CN", "https://www.cnipa.gov.cn", false),
		org("cma", "中国气象局", "China Meteorological Administration (CMA)", agy, "CN", "https://www.cma.gov.cn", false),
		org("cnsa", "国家航天局", "China National Space Administration (CNSA)", agy, "CN", "https://www.cnsa.gov.cn", false),
		org("nea", "国家能源局", "National Energy Administration (NEA)", agy, "CN", "http://www.nea.gov.cn", false),
		org("nda", "国家数据局", "National Data Administration (NDA)", agy, "CN", "https://www.nda.gov.cn", false),
		// Academies and associations.
		org("cas", "中国科学院", "Chinese Academy of Sciences (CAS)", acad, "CN", "https://www.cas.cn", false),
		org("cae", "中国工程院", "Chinese Academy of Engineering (CAE)", acad, "CN", "https://www.cae.cn", false),
		org("cams", "中国医学科学院", "Chinese Academy of Medical Sciences (CAMS)", acad, "CN", "https://www.cams.ac.cn", false),
		org("cast", "中国科学技术协会", "China Association for Science and Technology (CAST)", assn, "CN", "https://www.cast.org.cn", false),
		org("cdpf", "中国残疾人联合会", "China Disabled Persons' Federation (CDPF)", assn, "CN", "https://www.cdpf.org.cn", false),
		// Local governments.
		org("beijing", "北京市人民政府", "Beijing Municipal People's Government", loc, "CN", "https://www.beijing.gov.cn", false),
		org("bjstc", "北京市科学技术委员会、中关村科技园区管理委员会", "Beijing Municipal Science & Technology Commission, Administrative Commission of Zhongguancun Science Park", loc, "CN", "https://kw.beijing.gov.cn", false),
		org("haidian", "北京市海淀区人民政府", "People's Government of Haidian District, Beijing", loc, "CN", "https://www.bjhd.gov.cn", false),
		org("changping", "北京市昌平区人民政府", "People's Government of Changping District, Beijing", loc, "CN", "https://www.bjchp.gov.cn", false),
		org("bda", "北京经济技术开发区管理委员会", "Administrative Committee of Beijing Economic-Technological Development Area", loc, "CN", "https://kfqgw.beijing.gov.cn", false),
		org("tianjin", "天津市人民政府", "Tianjin Municipal People's Government", loc, "CN", "https://www.tj.gov.cn", false),
		org("hebei", "河北省人民政府", "People's Government of Hebei Province", loc, "CN", "https://www.hebei.gov.cn", false),
		// Research institutes.
		org("casted", "中国科学技术发展战略研究院", "Chinese Academy of Science and Technology for Development (CASTED)", inst, "CN", "http://www.casted.org.cn", false),
		org("baai", "北京智源人工智能研究院", "Beijing Academy of Artificial Intelligence (BAAI)", inst, "CN", "https://www.baai.ac.cn", false),
		org("baqis", "北京量子信息科学研究院", "Beijing Academy of Quantum Information Sciences (BAQIS)", inst, "CN", "https://www.baqis.ac.cn", false),
		org("itpcas", "中国科学院青藏高原研究所", "Institute of Tibetan Plateau Research, Chinese Academy of Sciences", inst, "CN", "http://www.itpcas.ac.cn", false),
		org("cibr", "北京脑科学与类脑研究中心", "Chinese Institute for Brain Research, Beijing (CIBR)", inst, "CN", "https://www.cibr.ac.cn", false),
		org("caict", "中国信息通信研究院", "China Academy of Information and Communications Technology (CAICT)", inst, "CN", "http://www.caict.ac.cn", false),
		org("jinghua-ai-institute", "京华人工智能产业研究院", "Jinghua AI Industry Research Institute", inst, "CN", "https://jinghua-ai.example.org", true),
		// Universities.
		org("tsinghua", "清华大学", "Tsinghua University", uni, "CN", "https://www.tsinghua.edu.cn", false),
		org("pku", "北京大学", "Peking University", uni, "CN", "https://www.pku.edu.cn", false),
		org("ruc", "中国人民大学", "Renmin University of China", uni, "CN", "https://www.ruc.edu.cn", false),
		org("buaa", "北京航空航天大学", "Beihang University", uni, "CN", "https://www.buaa.edu.cn", false),
		org("bit", "北京理工大学", "Beijing Institute of Technology", uni, "CN", "https://www.bit.edu.cn", false),
		org("ouc", "中国海洋大学", "Ocean University of China", uni, "CN", "https://www.ouc.edu.cn", false),
		org("ustc", "中国科学技术大学", "University of Science and Technology of China", uni, "CN", "https://www.ustc.edu.cn", false),
		// International organisations (seat country).
		org("unesco", "联合国教科文组织", "United Nations Educational, Scientific and Cultural Organization (UNESCO)", intl, "FR", "https://www.unesco.org", false),
		org("iiasa", "国际应用系统分析研究所", "International Institute for Applied Systems Analysis (IIASA)", intl, "AT", "https://iiasa.ac.at", false),
		org("wipo", "世界知识产权组织", "World Intellectual Property Organization (WIPO)", intl, "CH", "https://www.wipo.int", false),
		org("unido", "联合国工业发展组织", "United Nations Industrial Development Organization (UNIDO)", intl, "AT", "https://www.unido.org", false),
		org("anso", "“一带一路”国际科学组织联盟", "Alliance of International Science Organizations (ANSO)", intl, "CN", "http://www.anso.org.cn", false),
		org("isc", "国际科学理事会", "International Science Council (ISC)", intl, "FR", "https://council.science", false),
		org("aas", "非洲科学院", "African Academy of Sciences (AAS)", intl, "KE", "https://www.aasciences.africa", false),
		org("ghia", "全球健康创新联盟", "Global Health Innovation Alliance", intl, "", "https://ghia.example.org", true),
		// Media.
		org("xinhua", "新华通讯社", "Xinhua News Agency", med, "CN", "https://www.news.cn", false),
		org("cmg", "中央广播电视总台", "China Media Group (CMG)", med, "CN", "https://www.cctv.com", false),
		org("peoples-daily", "人民日报社", "People's Daily", med, "CN", "http://www.people.com.cn", false),
		org("china-daily", "中国日报社", "China Daily", med, "CN", "https://www.chinadaily.com.cn", false),
		// Invented enterprises and alliances.
		org("jinghua-computing", "京华智算科技有限公司", "Jinghua Intelligent Computing Technology Co., Ltd.", ent, "CN", "https://jinghua-computing.example.com", true),
		org("yanyuan-robotics", "燕园具身机器人有限公司", "Yanyuan Embodied Robotics Co., Ltd.", ent, "CN", "https://yanyuan-robotics.example.com", true),
		org("lanjing-marine", "蓝鲸海洋装备有限公司", "Lanjing Marine Equipment Co., Ltd.", ent, "CN", "https://lanjing-marine.example.com", true),
		org("xinghe-aerospace", "星河商业航天科技有限公司", "Xinghe Commercial Aerospace Technology Co., Ltd.", ent, "CN", "https://xinghe-aerospace.example.com", true),
		org("qingyuan-hydrogen", "清源氢能科技有限公司", "Qingyuan Hydrogen Energy Technology Co., Ltd.", ent, "CN", "https://qingyuan-hydrogen.example.com", true),
		org("kangheng-bio", "康衡生物医药有限公司", "Kangheng Biopharmaceutical Co., Ltd.", ent, "CN", "https://kangheng-bio.example.com", true),
		org("zhizaoyun", "智造云工业互联网有限公司", "Zhizaoyun Industrial Internet Co., Ltd.", ent, "CN", "https://zhizaoyun.example.com", true),
		org("huizhi-venture", "汇智创业投资有限公司", "Huizhi Venture Capital Co., Ltd.", ent, "CN", "https://huizhi-venture.example.com", true),
		org("xinxiang-micro", "芯象微电子有限公司", "Xinxiang Microelectronics Co., Ltd.", ent, "CN", "https://xinxiang-micro.example.com", true),
		org("fenghe-seed", "丰禾种业科技有限公司", "Fenghe Seed Technology Co., Ltd.", ent, "CN", "https://fenghe-seed.example.com", true),
		org("jingge-materials", "晶格新材料科技有限公司", "Jingge Advanced Materials Technology Co., Ltd.", ent, "CN", "https://jingge-materials.example.com", true),
		org("zgc-6g-alliance", "中关村6G创新联盟", "Zhongguancun 6G Innovation Alliance", assn, "CN", "https://zgc-6g.example.org", true),
		org("zgc-space-alliance", "中关村商业航天产业联盟", "Zhongguancun Commercial Space Industry Alliance", assn, "CN", "https://zgc-space.example.org", true),
		org("zgc-hydrogen-alliance", "中关村氢能产业联盟", "Zhongguancun Hydrogen Industry Alliance", assn, "CN", "https://zgc-hydrogen.example.org", true),
		org("zgc-trusted-data-alliance", "中关村可信数字基础设施联盟", "Zhongguancun Trusted Digital Infrastructure Alliance", assn, "CN", "https://zgc-trusted-data.example.org", true),
		org("zgc-spatial-alliance", "中关村时空信息产业联盟", "Zhongguancun Spatio-Temporal Information Industry Alliance", assn, "CN", "https://zgc-spatial.example.org", true),
		org("tech-transfer-alliance", "中关村国际技术转移联盟", "Zhongguancun International Technology Transfer Alliance", assn, "CN", "https://zgc-tech-transfer.example.org", true),
	}
}
