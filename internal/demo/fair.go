package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"convene/internal/fair"
	"convene/internal/meetings"
	"convene/internal/program"
)

// The sample matchmaking fair of zgc-2025: MOST's 重点领域科技成果转化应用对接会.
// Everything in it is invented and marked Sample: laboratories, universities
// and institutes on the supply side, enterprises on the demand side, their
// achievements and needs, and the meetings they asked for — the demand side
// asks the owners of the achievements the fair's own suggestions rank first
// for each need, as participants do. Built from a fixed seed without map
// iteration, so every call returns the same fair.

// FairEvent and FairActivity name the edition and activity of the sample fair.
const (
	FairEvent    = "zgc-2025"
	FairActivity = "key-fields-matchmaking"
)

// fairSeed makes the sample fair; change it and every figure changes.
const fairSeed = 2025_0329

// Sizes of the sample fair.
const (
	fairSupply        = 110 // laboratories, universities, institutes
	fairDemand        = 90  // enterprises
	fairAchievements  = 330
	fairNeeds         = 260
	fairRequests      = 840
	fairMaxPerCompany = 9 // meetings one participant may ask for or be asked to
)

type topic struct{ zh, en string }

// fairTopics are the technologies of each field, in both languages.
var fairTopics = []struct {
	field  string
	topics []topic
	uses   []topic // where an enterprise would use them
}{
	{"quantum-sensing", []topic{{"金刚石色心磁力计", "diamond NV-centre magnetometer"}, {"原子重力仪", "atomic gravimeter"}, {"量子陀螺仪", "quantum gyroscope"}, {"量子传感弱磁探测", "quantum sensing of weak magnetic fields"}, {"光钟频率基准", "optical clock frequency reference"}},
		[]topic{{"油气管道无损检测", "non-destructive pipeline inspection"}, {"地下资源勘探", "underground resource exploration"}, {"脑磁图医疗诊断", "magnetoencephalography diagnosis"}, {"无卫星导航定位", "navigation without satellites"}}},
	{"quantum-computing", []topic{{"超导量子比特芯片", "superconducting qubit chip"}, {"量子纠错编码", "quantum error-correction code"}, {"量子随机数发生器", "quantum random number generator"}, {"量子密钥分发终端", "quantum key distribution terminal"}},
		[]topic{{"金融风险计算", "financial risk computation"}, {"政务数据加密", "encryption of government data"}, {"药物分子模拟", "drug molecule simulation"}}},
	{"ai-chips", []topic{{"低功耗人工智能推理芯片", "low-power AI inference chip"}, {"存算一体芯片", "compute-in-memory chip"}, {"类脑神经形态芯片", "neuromorphic chip"}, {"大模型训练加速卡", "large-model training accelerator"}, {"芯粒先进封装", "chiplet advanced packaging"}},
		[]topic{{"智能摄像头边缘计算", "edge computing in smart cameras"}, {"自动驾驶域控制器", "autonomous-driving domain controller"}, {"数据中心算力", "data-centre computing power"}}},
	{"artificial-intel", []topic{{"工业视觉缺陷检测", "industrial visual defect detection"}, {"行业大模型", "industry large language model"}, {"多模态知识图谱", "multimodal knowledge graph"}, {"智能语音交互", "intelligent voice interaction"}, {"具身智能操作", "embodied intelligent manipulation"}},
		[]topic{{"生产线质检", "quality inspection on production lines"}, {"客服自动化", "customer-service automation"}, {"电网调度辅助决策", "grid dispatch decision support"}}},
	{"new-materials", []topic{{"固态电池电解质材料", "solid-state battery electrolyte"}, {"碳纤维复合材料", "carbon-fibre composite"}, {"第三代半导体碳化硅衬底", "silicon carbide substrate"}, {"高温合金增材制造粉末", "superalloy powder for additive manufacturing"}, {"石墨烯导热膜", "graphene thermal film"}},
		[]topic{{"新能源汽车轻量化", "lightweight new-energy vehicles"}, {"功率器件国产化", "domestic power devices"}, {"消费电子散热", "heat dissipation in consumer electronics"}}},
	{"biomedicine", []topic{{"mRNA疫苗递送系统", "mRNA vaccine delivery system"}, {"双特异性抗体", "bispecific antibody"}, {"细胞治疗CAR-T工艺", "CAR-T cell therapy process"}, {"基因编辑工具酶", "gene-editing enzyme"}, {"小分子靶向药物", "small-molecule targeted drug"}},
		[]topic{{"肿瘤创新药研发", "innovative cancer drug development"}, {"罕见病治疗", "rare disease therapy"}, {"动物疫苗生产", "animal vaccine production"}}},
	{"medical-devices", []topic{{"手术机器人导航", "surgical robot navigation"}, {"便携式超声影像", "portable ultrasound imaging"}, {"可穿戴心电监测", "wearable ECG monitoring"}, {"医用内窥镜光学模组", "medical endoscope optics"}},
		[]topic{{"基层医院诊疗", "care in county hospitals"}, {"慢病居家管理", "home management of chronic disease"}, {"微创外科", "minimally invasive surgery"}}},
	{"carbon-neutrality", []topic{{"二氧化碳捕集与利用", "carbon dioxide capture and utilisation"}, {"工业余热回收", "industrial waste-heat recovery"}, {"碳排放在线监测", "online carbon-emission monitoring"}, {"低碳水泥熟料", "low-carbon cement clinker"}},
		[]topic{{"钢铁企业减排", "emission cuts in steelmaking"}, {"园区碳核算", "carbon accounting of industrial parks"}, {"建材行业降碳", "decarbonising building materials"}}},
	{"new-energy", []topic{{"钙钛矿光伏电池", "perovskite solar cell"}, {"氢燃料电池电堆", "hydrogen fuel-cell stack"}, {"液流储能电池", "flow battery energy storage"}, {"海上风电智能运维", "smart offshore wind maintenance"}},
		[]topic{{"分布式光伏电站", "distributed solar plants"}, {"氢能重卡", "hydrogen heavy trucks"}, {"电网侧储能", "grid-side energy storage"}}},
	{"robotics", []topic{{"协作机器人力控", "force control for collaborative robots"}, {"人形机器人灵巧手", "dexterous hand for humanoid robots"}, {"巡检机器人自主导航", "autonomous navigation of inspection robots"}, {"机器人一体化关节", "integrated robot joint"}},
		[]topic{{"汽车总装自动化", "automated car assembly"}, {"变电站无人巡检", "unmanned substation inspection"}, {"养老护理服务", "elderly care services"}}},
	{"advanced-manufacturing", []topic{{"五轴数控加工", "five-axis CNC machining"}, {"工业互联网平台", "industrial internet platform"}, {"激光增材制造", "laser additive manufacturing"}, {"数字孪生工厂", "digital-twin factory"}},
		[]topic{{"航空零部件加工", "machining of aircraft parts"}, {"模具智能制造", "smart mould making"}, {"柔性产线改造", "flexible production lines"}}},
	{"agriculture", []topic{{"智能农机无人驾驶", "driverless farm machinery"}, {"作物分子育种", "molecular crop breeding"}, {"设施农业环境控制", "greenhouse climate control"}},
		[]topic{{"大田种植降本", "cheaper field farming"}, {"种业振兴", "seed industry renewal"}, {"智慧农场", "smart farms"}}},
}

var (
	supplyKinds = []topic{{"重点实验室", "Key Laboratory"}, {"研究院", "Research Institute"}, {"大学", "University"}, {"工程技术研究中心", "Engineering Research Center"}, {"创新研究所", "Innovation Institute"}}
	placeNames  = []topic{{"北辰", "Beichen"}, {"燕山", "Yanshan"}, {"海淀", "Haidian"}, {"京华", "Jinghua"}, {"华北", "Huabei"}, {"东方", "Dongfang"}, {"长城", "Changcheng"}, {"渤海", "Bohai"}, {"中原", "Zhongyuan"}, {"江南", "Jiangnan"}, {"西岭", "Xiling"}, {"南湖", "Nanhu"}, {"天衡", "Tianheng"}, {"启明", "Qiming"}, {"星河", "Xinghe"}, {"朝阳", "Chaoyang"}, {"瀚海", "Hanhai"}, {"云岭", "Yunling"}, {"青峰", "Qingfeng"}, {"博远", "Boyuan"}, {"致远", "Zhiyuan"}, {"恒润", "Hengrun"}}
	companyEnds = []topic{{"科技有限公司", "Technology Co., Ltd."}, {"集团有限公司", "Group Co., Ltd."}, {"智能装备有限公司", "Intelligent Equipment Co., Ltd."}, {"股份有限公司", "Co., Ltd."}}
	surnames    = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"}
	givenNames  = []string{"伟", "芳", "敏", "静", "磊", "强", "洋", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚"}
	regions     = []string{"北京", "天津", "河北", "上海", "江苏", "浙江", "广东", "山东", "湖北", "四川"}
	adjectives  = []topic{{"高灵敏度", "High-sensitivity"}, {"低成本", "Low-cost"}, {"高可靠", "High-reliability"}, {"新一代", "Next-generation"}, {"国产化", "Domestically made"}, {"小型化", "Miniaturised"}}
)

// Fair returns the sample fair for the activity and edition with those ids.
func Fair(activityID, eventID string) *fair.Dataset {
	rng := rand.New(rand.NewPCG(fairSeed, 0x5eed))
	day := time.Date(2025, 3, 29, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	ds := &fair.Dataset{Fair: fair.Fair{ActivityID: activityID, EventID: eventID,
		StartsAt: day.Add(9 * time.Hour).UTC(), AfternoonStartsAt: day.Add(13*time.Hour + 30*time.Minute).UTC(),
		SlotMinutes: 30, Slots: 14, MorningSlots: 6, Tables: 60, Sample: true}}
	id := func(kind string, n int) string { return fmt.Sprintf("sample-%s-%04d", kind, n) }
	pick := func(xs []topic) topic { return xs[rng.IntN(len(xs))] }

	for i := range fairSupply + fairDemand {
		p := fair.Participant{ID: id("fp", i+1), ActivityID: activityID, Side: fair.SideSupply, Availability: fair.AvailableBoth, Sample: true}
		place := placeNames[i%len(placeNames)]
		if i < fairSupply {
			k := supplyKinds[i%len(supplyKinds)]
			f := fairTopics[i%len(fairTopics)].field
			p.Organisation = program.Text{ZH: place.zh + fair.Fields[f].ZH + k.zh + "（示例）", EN: fmt.Sprintf("%s %s %s (sample)", place.en, titleCase(fair.Fields[f].EN), k.en)}
			if i%9 == 0 {
				p.Side = fair.SideBoth
			}
		} else {
			k := companyEnds[i%len(companyEnds)]
			f := fairTopics[i%len(fairTopics)].field
			p.Side = fair.SideDemand
			p.Organisation = program.Text{ZH: place.zh + fair.Fields[f].ZH + k.zh + "（示例）", EN: fmt.Sprintf("%s %s %s (sample)", place.en, titleCase(fair.Fields[f].EN), k.en)}
		}
		p.Contact = fair.Contact{Name: surnames[rng.IntN(len(surnames))] + givenNames[rng.IntN(len(givenNames))],
			Email: fmt.Sprintf("contact%03d@fair.example.org", i+1), Phone: fmt.Sprintf("010-6%07d", rng.IntN(10_000_000))}
		switch r := rng.IntN(20); {
		case r < 3:
			p.Availability = fair.AvailableMorning
		case r < 6:
			p.Availability = fair.AvailableAfternoon
		case r < 8:
			p.Unavailable = []int{1 + rng.IntN(ds.Fair.Slots)}
		}
		ds.Participants = append(ds.Participants, p)
	}
	supply := func() *fair.Participant {
		for {
			p := &ds.Participants[rng.IntN(len(ds.Participants))]
			if p.Supplies() {
				return p
			}
		}
	}
	demand := func() *fair.Participant {
		for {
			p := &ds.Participants[rng.IntN(len(ds.Participants))]
			if p.Demands() {
				return p
			}
		}
	}
	ips, modes := fair.IPTypes[:3], fair.TransferModes
	for i := range fairAchievements {
		ft := fairTopics[i%len(fairTopics)]
		t, adj, use := pick(ft.topics), pick(adjectives), pick(ft.uses)
		ds.Achievements = append(ds.Achievements, fair.Achievement{ID: id("fa", i+1), ActivityID: activityID, ParticipantID: supply().ID,
			Title:   program.Text{ZH: adj.zh + t.zh, EN: adj.en + " " + t.en},
			Summary: program.Text{ZH: fmt.Sprintf("团队自主研发的%s技术，已完成样机验证，可用于%s。（示例数据）", t.zh, use.zh), EN: fmt.Sprintf("A %s developed in house, proven on a prototype, for %s. (Sample data.)", t.en, use.en)},
			Field:   ft.field, TRL: 3 + rng.IntN(7), IP: ips[rng.IntN(len(ips))], Transfer: modes[rng.IntN(len(modes))], Sample: true})
	}
	for i := range fairNeeds {
		ft := fairTopics[(i*7)%len(fairTopics)]
		t, use := pick(ft.topics), pick(ft.uses)
		lo := int64(50+rng.IntN(450)) * 10_000
		ds.Needs = append(ds.Needs, fair.Need{ID: id("fn", i+1), ActivityID: activityID, ParticipantID: demand().ID,
			Title:   program.Text{ZH: "面向" + use.zh + "的" + t.zh, EN: titleCase(t.en) + " for " + use.en},
			Summary: program.Text{ZH: fmt.Sprintf("企业在%s中需要%s，寻求合作开发或技术许可。（示例数据）", use.zh, t.zh), EN: fmt.Sprintf("We need a %s for %s and look for joint development or a licence. (Sample data.)", t.en, use.en)},
			Field:   ft.field, MinTRL: 4 + rng.IntN(4), BudgetMin: lo, BudgetMax: lo * int64(2+rng.IntN(4)), Region: regions[rng.IntN(len(regions))], Sample: true})
	}
	ds.Meetings = fairMeetings(ds, rng)
	return ds
}

// ScheduledFair is Fair with its accepted meetings scheduled by the
// product's scheduler and published the day before the fair, as the sample
// edition is over; it returns the scheduler's result too (shared between
// calls: read it, do not change it).
func ScheduledFair(ctx context.Context, activityID, eventID string) (*fair.Dataset, *meetings.Result, error) {
	ds := Fair(activityID, eventID)
	as, res, err := scheduleOnce(ctx, ds)
	if err != nil {
		return nil, nil, fmt.Errorf("schedule the sample fair: %w", err)
	}
	ds.Place(as)
	published := ds.Fair.StartsAt.AddDate(0, 0, -1)
	ds.Fair.ScheduledAt, ds.Fair.PublishedAt = &published, &published
	return ds, res, nil
}

// scheduledFairs remembers the sample fair's schedules by the instance the
// scheduler solved (without its name, the activity's id, which every
// database gives anew). Scheduling is deterministic and takes seconds (15 s
// on a slow machine, most of it the exact method proving the schedule
// optimal; minutes under the race detector), and the test suites load the
// sample into a fresh database many times in one process: they compute it
// once.
var scheduledFairs struct {
	sync.Mutex
	runs map[string]scheduledFair
}

type scheduledFair struct {
	as  []fair.Assignment // in the order of the instance's meetings (fair.Schedule's)
	res *meetings.Result
}

// scheduleOnce schedules ds, or relabels the schedule an earlier call made
// of the same instance with ds's meeting ids; a failed run, or one cut
// short by ctx (its schedule may be worse), is not remembered.
func scheduleOnce(ctx context.Context, ds *fair.Dataset) ([]fair.Assignment, *meetings.Result, error) {
	in, ids := fair.Instance(&ds.Fair, ds.Participants, ds.Meetings)
	in.Name = ""
	key := fmt.Sprintf("%+v", *in)
	scheduledFairs.Lock()
	defer scheduledFairs.Unlock()
	if run, ok := scheduledFairs.runs[key]; ok {
		as := slices.Clone(run.as)
		for i := range as {
			as[i].MeetingID = ids[i]
		}
		return as, run.res, nil
	}
	as, res, err := fair.Schedule(ctx, &ds.Fair, ds.Participants, ds.Meetings, fair.SolverOptions(ds.Meetings))
	if err != nil || ctx.Err() != nil {
		return as, res, err
	}
	if scheduledFairs.runs == nil {
		scheduledFairs.runs = map[string]scheduledFair{}
	}
	scheduledFairs.runs[key] = scheduledFair{as, res}
	return as, res, nil
}

// fairMeetings has each need's owner ask the owners of the achievements the
// index suggests, best first, until the fair has its requests; most are
// accepted, a few declined or still open, and some accepted ones end in an
// intention or a signed contract.
func fairMeetings(ds *fair.Dataset, rng *rand.Rand) []fair.Meeting {
	x := fair.NewIndex(ds.Achievements, ds.Needs)
	byID := map[string]*fair.Participant{}
	for i := range ds.Participants {
		byID[ds.Participants[i].ID] = &ds.Participants[i]
	}
	owner := map[string]string{}
	for _, a := range ds.Achievements {
		owner[a.ID] = a.ParticipantID
	}
	load, room := map[string]int{}, map[string]int{}
	for i := range ds.Participants {
		p := &ds.Participants[i]
		// leave a slot of slack so the schedule has room to avoid breaks
		room[p.ID] = min(fairMaxPerCompany, len(ds.Fair.FreeSlots(p))-1)
	}
	pairs := map[[2]string]bool{}
	var out []fair.Meeting
	created := ds.Fair.StartsAt.Add(-10 * 24 * time.Hour)
	for round := 0; len(out) < fairRequests && round < 12; round++ {
		for _, n := range ds.Needs {
			if len(out) == fairRequests {
				break
			}
			sugg, _ := x.ForNeed(n.ID, 12)
			if round >= len(sugg) {
				continue
			}
			s := sugg[round]
			from, to := n.ParticipantID, owner[s.ID]
			k := [2]string{min(from, to), max(from, to)}
			if from == to || pairs[k] || !ds.Fair.CanMeet(byID[from], byID[to]) || load[from] >= room[from] || load[to] >= room[to] {
				continue
			}
			pairs[k] = true
			m := fair.Meeting{ID: fmt.Sprintf("sample-fm-%04d", len(out)+1), ActivityID: ds.Fair.ActivityID, From: from, To: to, AchievementID: s.ID, NeedID: n.ID,
				Status: fair.StatusAccepted, Outcome: fair.OutcomeNone, CreatedAt: created, UpdatedAt: created}
			switch r := rng.IntN(100); {
			case r < 7:
				m.Status = fair.StatusDeclined
			case r < 10:
				m.Status = fair.StatusRequested
			case r < 24:
				m.Outcome = fair.OutcomeIntention
			case r < 29:
				m.Outcome, m.AmountCNY = fair.OutcomeContract, int64(50+rng.IntN(1950))*10_000
			}
			if m.Status == fair.StatusAccepted {
				load[from]++
				load[to]++
			}
			out = append(out, m)
		}
	}
	return out
}

// titleCase capitalises the first letter (field names are lower case in sentences).
func titleCase(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
