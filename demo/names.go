package demo

import (
	"math"
	"strconv"
	"strings"
)

// syllable is a Chinese character (or compound surname) with its pinyin,
// used to build names and the e-mail addresses derived from them.
type syllable struct {
	han    string
	pinyin string
	weight float64
}

// surnames are the common Chinese surnames with their approximate share of
// the population (percent).
var surnames = []syllable{
	{"王", "wang", 7.1}, {"李", "li", 7.0}, {"张", "zhang", 6.7}, {"刘", "liu", 5.4}, {"陈", "chen", 4.5},
	{"杨", "yang", 3.1}, {"黄", "huang", 2.2}, {"赵", "zhao", 2.1}, {"吴", "wu", 2.0}, {"周", "zhou", 1.9},
	{"徐", "xu", 1.5}, {"孙", "sun", 1.5}, {"马", "ma", 1.4}, {"朱", "zhu", 1.3}, {"胡", "hu", 1.3},
	{"郭", "guo", 1.2}, {"何", "he", 1.2}, {"高", "gao", 1.1}, {"林", "lin", 1.1}, {"罗", "luo", 1.0},
	{"郑", "zheng", 0.9}, {"梁", "liang", 0.9}, {"谢", "xie", 0.8}, {"宋", "song", 0.7}, {"唐", "tang", 0.7},
	{"许", "xu", 0.7}, {"韩", "han", 0.7}, {"冯", "feng", 0.6}, {"邓", "deng", 0.6}, {"曹", "cao", 0.6},
	{"彭", "peng", 0.6}, {"曾", "zeng", 0.6}, {"肖", "xiao", 0.6}, {"田", "tian", 0.5}, {"董", "dong", 0.5},
	{"袁", "yuan", 0.5}, {"潘", "pan", 0.5}, {"于", "yu", 0.5}, {"蒋", "jiang", 0.5}, {"蔡", "cai", 0.5},
	{"余", "yu", 0.5}, {"杜", "du", 0.5}, {"叶", "ye", 0.4}, {"程", "cheng", 0.4}, {"苏", "su", 0.4},
	{"魏", "wei", 0.4}, {"吕", "lv", 0.4}, {"丁", "ding", 0.4}, {"任", "ren", 0.4}, {"沈", "shen", 0.4},
	{"姚", "yao", 0.4}, {"卢", "lu", 0.4}, {"姜", "jiang", 0.3}, {"崔", "cui", 0.3}, {"钟", "zhong", 0.3},
	{"谭", "tan", 0.3}, {"陆", "lu", 0.3}, {"汪", "wang", 0.3}, {"范", "fan", 0.3}, {"金", "jin", 0.3},
	{"石", "shi", 0.3}, {"廖", "liao", 0.3}, {"贾", "jia", 0.3}, {"夏", "xia", 0.3}, {"韦", "wei", 0.3},
	{"付", "fu", 0.3}, {"方", "fang", 0.3}, {"白", "bai", 0.3}, {"邹", "zou", 0.3}, {"孟", "meng", 0.3},
	{"熊", "xiong", 0.3}, {"秦", "qin", 0.3}, {"邱", "qiu", 0.3}, {"江", "jiang", 0.3}, {"尹", "yin", 0.3},
	{"薛", "xue", 0.2}, {"闫", "yan", 0.2}, {"段", "duan", 0.2}, {"雷", "lei", 0.2}, {"侯", "hou", 0.2},
	{"龙", "long", 0.2}, {"史", "shi", 0.2}, {"陶", "tao", 0.2}, {"黎", "li", 0.2}, {"贺", "he", 0.2},
	{"顾", "gu", 0.2}, {"毛", "mao", 0.2}, {"郝", "hao", 0.2}, {"龚", "gong", 0.2}, {"邵", "shao", 0.2},
	{"万", "wan", 0.2}, {"钱", "qian", 0.2}, {"严", "yan", 0.2}, {"覃", "qin", 0.2}, {"武", "wu", 0.2},
	{"戴", "dai", 0.2}, {"莫", "mo", 0.2}, {"孔", "kong", 0.2}, {"向", "xiang", 0.2}, {"汤", "tang", 0.2},
	{"欧阳", "ouyang", 0.05}, {"上官", "shangguan", 0.02}, {"司马", "sima", 0.02}, {"诸葛", "zhuge", 0.01},
}

// givenFemale and givenMale are characters common in given names.
var givenFemale = []syllable{
	{"芳", "fang", 3}, {"娜", "na", 3}, {"敏", "min", 3}, {"静", "jing", 3}, {"丽", "li", 3}, {"婷", "ting", 3},
	{"雪", "xue", 2}, {"慧", "hui", 2}, {"颖", "ying", 2}, {"琳", "lin", 2}, {"欣", "xin", 3}, {"怡", "yi", 3},
	{"佳", "jia", 2}, {"雨", "yu", 2}, {"梦", "meng", 2}, {"思", "si", 2}, {"悦", "yue", 2}, {"涵", "han", 2},
	{"晓", "xiao", 2}, {"嘉", "jia", 1}, {"瑶", "yao", 1}, {"萱", "xuan", 1}, {"玲", "ling", 2}, {"燕", "yan", 2},
	{"红", "hong", 2}, {"霞", "xia", 2}, {"倩", "qian", 1}, {"莉", "li", 1}, {"璐", "lu", 1}, {"月", "yue", 1},
	{"彤", "tong", 1}, {"妍", "yan", 1}, {"诗", "shi", 1}, {"蕾", "lei", 1}, {"晶", "jing", 1}, {"秀", "xiu", 2},
	{"兰", "lan", 2}, {"凤", "feng", 1}, {"洁", "jie", 2}, {"琪", "qi", 1}, {"可", "ke", 1}, {"文", "wen", 1},
}

var givenMale = []syllable{
	{"伟", "wei", 3}, {"强", "qiang", 3}, {"磊", "lei", 3}, {"军", "jun", 3}, {"勇", "yong", 3}, {"杰", "jie", 3},
	{"涛", "tao", 2}, {"明", "ming", 3}, {"超", "chao", 2}, {"辉", "hui", 2}, {"鹏", "peng", 2}, {"浩", "hao", 3},
	{"宇", "yu", 3}, {"轩", "xuan", 2}, {"子", "zi", 2}, {"俊", "jun", 2}, {"博", "bo", 2}, {"文", "wen", 2},
	{"斌", "bin", 2}, {"峰", "feng", 2}, {"建", "jian", 2}, {"国", "guo", 2}, {"志", "zhi", 2}, {"飞", "fei", 2},
	{"晨", "chen", 2}, {"阳", "yang", 2}, {"凯", "kai", 2}, {"鑫", "xin", 2}, {"昊", "hao", 1}, {"天", "tian", 1},
	{"然", "ran", 1}, {"泽", "ze", 1}, {"睿", "rui", 1}, {"毅", "yi", 1}, {"刚", "gang", 2}, {"华", "hua", 2},
	{"平", "ping", 2}, {"东", "dong", 2}, {"林", "lin", 1}, {"航", "hang", 1}, {"成", "cheng", 1}, {"龙", "long", 1},
}

// mailDomains are the e-mail providers Chinese shoppers use, by share.
var mailDomains = []struct {
	domain string
	weight float64
}{
	{"qq.com", 34}, {"163.com", 26}, {"126.com", 10}, {"sina.com", 6}, {"139.com", 5},
	{"foxmail.com", 5}, {"outlook.com", 6}, {"hotmail.com", 3}, {"gmail.com", 3}, {"yeah.net", 2},
}

// mobilePrefixes are real mainland mobile number prefixes; the remaining
// eight digits are random, so numbers are well-formed but fake.
var mobilePrefixes = []string{
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"150", "151", "152", "153", "155", "156", "157", "158", "159",
	"166", "170", "173", "175", "176", "177", "178",
	"180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
	"191", "195", "198", "199",
}

// namer draws names, e-mail addresses and mobile numbers, keeping the last
// two unique within a shop.
type namer struct {
	surname, female, male, domain weighted
	emails, mobiles               map[string]struct{}
}

func newNamer(n int) *namer {
	w := func(s []syllable) weighted {
		x := make([]float64, len(s))
		for i := range s {
			x[i] = s[i].weight
		}
		return newWeighted(x)
	}
	dw := make([]float64, len(mailDomains))
	for i, d := range mailDomains {
		dw[i] = d.weight
	}
	return &namer{
		surname: w(surnames), female: w(givenFemale), male: w(givenMale), domain: newWeighted(dw),
		emails: make(map[string]struct{}, n), mobiles: make(map[string]struct{}, n),
	}
}

// name returns a full name in characters and its pinyin parts (surname,
// given name).
func (nm *namer) name(r rng, female bool) (full, surPinyin, givenPinyin string) {
	s := surnames[nm.surname.pick(r)]
	list, pick := givenMale, nm.male
	if female {
		list, pick = givenFemale, nm.female
	}
	g1 := list[pick.pick(r)]
	if r.chance(0.25) {
		return s.han + g1.han, s.pinyin, g1.pinyin
	}
	g2 := list[pick.pick(r)]
	return s.han + g1.han + g2.han, s.pinyin, g1.pinyin + g2.pinyin
}

// email returns a unique address built from the name, the birth year or a
// QQ number.
func (nm *namer) email(r rng, sur, given string, birthYear int) string {
	for attempt := 0; ; attempt++ {
		d := mailDomains[nm.domain.pick(r)].domain
		var local string
		switch u := r.Float64(); {
		case d == "qq.com" && u < 0.7:
			local = strconv.Itoa(int(math.Exp(r.uniform(math.Log(1e5), math.Log(3e9))))) // a QQ number
		case u < 0.3:
			local = sur + given
		case u < 0.5:
			local = given + "." + sur
		case u < 0.75:
			local = sur + given + strconv.Itoa(birthYear%100 + 100)[1:]
		default:
			local = sur + given[:1] + strconv.Itoa(birthYear)
		}
		if attempt > 0 || r.chance(0.3) {
			local += strconv.Itoa(r.IntN(1000))
		}
		addr := strings.ToLower(local) + "@" + d
		if _, dup := nm.emails[addr]; !dup {
			nm.emails[addr] = struct{}{}
			return addr
		}
	}
}

// mobile returns a unique, well-formed but fake 11-digit mobile number.
func (nm *namer) mobile(r rng) string {
	for {
		p := mobilePrefixes[r.IntN(len(mobilePrefixes))]
		n := p + strconv.Itoa(100_000_000 + r.IntN(100_000_000))[1:]
		if _, dup := nm.mobiles[n]; !dup {
			nm.mobiles[n] = struct{}{}
			return n
		}
	}
}
