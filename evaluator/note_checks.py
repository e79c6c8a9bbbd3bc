"""What an answer's own words say against its figure: the figure is an estimate (``estimated-figure``),
a survey rate no survey produced, a note that claims completeness beside a share below 100 %
(``note-contradicts-share``), or an evidence title naming another district, county or city than the
unit, its parent and its province (``other-place-evidence``: a copied document).

The checks (``evaluator.checks``) warn of them and 五（四）of the report asks the panel. The words are
read conservatively: a warning is a question for the panel, so each pattern is one an evaluator reads
the same way, and what only resembles it (a per-resident figure "人均约6.7元", a plan "力争全覆盖", 城市
or 市民 inside a word) is left alone (G25R-8, -9, -10: Henglan and Jinxiu, tests/audit_cities/g25r).
"""

from __future__ import annotations

import functools
import re
from typing import Any

#: the parts of a note read one by one: a clause about the derived figure ("人均约6.7元") is skipped
_CLAUSES = re.compile(r"[，。；;,、\n]|(?<=[.!?])\s")

#: a clause about the figure derived from the answer (per resident, per 10,000, "按常住人口推算"), not the answer
_DERIVED = re.compile(r"人均|每万|每百|每千|每十万|按(?:常住|户籍)?人口(?:数)?(?:推算|折算|计算)|\bper (?:resident|capita|person|head|1,?000|10,?000|100)\b", re.I)

#: words that say the figure is an estimate, not a count: 估算, 估计数, 推算, 预计(全年…), 约数,
#: 按预算数; estimate(d), projected, extrapolated. A bare 约/about is not one: "约16万人" is how a
#: count is said aloud; "约16万人，估计数" says what it is.
ESTIMATE = re.compile(
    r"估算|估计|预估|推算|匡算|约数|按预算数?|预算数"
    r"|预计(?:全年|全年度|年度|为|约|达到?|超过|可达|\d+(?![\d.]*年))"
    r"|\bestimat(?:e|es|ed|ion)\b|\bprojected\b|\bextrapolat\w*|\brough(?:ly)? (?:figure|count)\b", re.I)

#: what, just before the words, denies them: "非估算", "not an estimate", "不是推算"
_DENIED = re.compile(r"(?:非|不是|并非|没有|未|不|无需|无须)\s*$|\b(?:not|no|never|rather than|instead of)\s+(?:an?\s+)?$", re.I)

#: a survey rate whose note says no survey was run: "未单独调查，参照K4估计", "未开展问卷调查",
#: "not surveyed separately", "no survey was run"
NO_SURVEY = re.compile(
    r"未(?:单独|专门|另行|独立)?(?:开展|进行|组织|实施|做)?(?:问卷|抽样)?调查|没有(?:开展|进行|组织|做)?(?:问卷|抽样)?调查"
    r"|无(?:问卷|抽样)调查|参照[A-Z]{1,3}\d+(?:的?(?:结果|数据|调查))?(?:估计|估算|推算|填报|填写)"
    r"|\bnot (?:separately |yet )?surveyed\b|\bno (?:separate |own )?survey (?:was |has been )?(?:run|held|made|done|conducted|carried out)\b"
    r"|\bdid not (?:run|hold|conduct|carry out) (?:a|any|its own) survey\b|\bwithout a survey\b", re.I)

#: a note that claims completeness: 全覆盖, 全面建成, 全部建成/开放, 100%, 所有街道均…, every street
COMPLETE = re.compile(
    r"全覆盖|全面(?:建成|覆盖|实现)|全部(?:建成|覆盖|开放|达标)|百分之百|(?<![\d.])100(?:\.0+)?\s*[%％]"
    r"|(?:所有|每个|每一个|各个?)(?:街道|乡镇|社区|村|镇|街)[^，。；,;]{0,6}(?:均|都)(?:已|有|建|设|实现|开放|达)"
    r"|\bfull(?:y)? (?:coverage|covered|built|in place)\b|\b(?:all|every) (?:streets?|townships?|communities|community|"
    r"neighbou?rhoods?|villages?)\b(?! (?:but|except))", re.I)

#: what makes a completeness claim a plan, a hope or a near miss, not a claim: "力争全覆盖", "将实现
#: 全覆盖", "基本实现全覆盖", "尚未全覆盖", "aims at full coverage", "almost every street"
_NOT_A_CLAIM = re.compile(r"力争|争取|计划|将|拟|目标|预计|尚未|未|待|基本|接近|除|以外|之外|正在|推进"
                          r"|\b(?:aim|aims|plan|plans|planned|target|will|to be|not yet|almost|nearly|except|but|by 20\d\d)\b",
                          re.I)

#: place names end in these; a name is 2–4 Chinese characters before it, read at every place a name may
#: start (a lookahead: "年度青石区" is read after 年 and after 度)
_PLACE = re.compile(r"(?:^|(?<=[《〈“‘「『（(【\[\s、，,；;：:年度省市]))(?=([\u4e00-\u9fff]{2,4}?)([区县市])"
                    r"(?![民场值面容井集域间块划别分级]))")
#: words ending in 区/县/市 that are no place's name (城区, 社区, 示范区, 城市, 超市 …), and words that
#: no place name holds (学习, 建设, 示范 …): "学习型城区", "全民终身学习示范区" name no unit
_COMMON_END = ("城区", "社区", "园区", "辖区", "街区", "景区", "小区", "新区", "老区", "山区", "市区", "郊区", "片区",
               "学区", "校区", "厂区", "营区", "港区", "林区", "牧区", "矿区", "湖区", "库区", "特区", "专区", "分区",
               "灾区", "边区", "地区", "示范区", "开发区", "高新区", "试验区", "实验区", "功能区", "保护区", "大湾区",
               "自贸区", "保税区", "工业区", "商务区", "核心区", "先行区", "合作区", "集聚区", "城市", "都市", "超市",
               "门市", "夜市", "集市", "股市", "楼市", "早市", "上市", "闹市", "花市", "省市", "区县", "县市", "郡县",
               "州县", "各县", "全县", "本县", "该县", "我县", "全市", "本市", "该市", "我市", "全区", "本区", "该区", "我区",
               "各区", "各市", "城乡区")
_NOT_A_NAME = re.compile(r"学习|示范|建设|教育|社区|街道|城乡|全民|终身|老年|职工|企业|学校|年度|工作|发展|中心|国家|全国"
                         r"|省级|市级|区级|县级|本级|各级|实验|试点|创建|文明|智慧|数字|开发|经济|高新|产业|工业|农业|商业"
                         r"|生态|旅游|文化|服务|管理|行政|直辖|地级|主城|城区|项目|活动|计划|规划|报告|统计|方案|名录|中国"
                         r"|周边|兄弟|邻近|大学|学院|[本全各该我其某每此区县市省的和与及或等之为在对向到赴随年度]")
#: words around another place's name that say a relation, not a copied document: a cooperation
#: agreement, twinning, a delegation ("与金湾区合作协议", "随东澜市代表团")
_RELATION = re.compile(r"合作|结对|对口|帮扶|协作|支援|共建|交流|友好|姊妹|代表团|考察|联合|协议|备忘录")
#: the suffixes stripped from the unit's, parent's and province's names before they are compared
_STRIP = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|新区|省|市|区|县|旗|盟|州)$")


def _stem(name: Any) -> str | None:
    """A place name without its administrative suffix (湘川市 → 湘川), or None."""
    if not isinstance(name, str) or not name.strip():
        return None
    stem = _STRIP.sub("", name.strip())
    return stem or name.strip()


def estimate_words(note: Any, evidence: list[str]) -> tuple[str, int | None, str] | None:
    """("note", None, its text) or ("evidence", i, title) where the answer says its figure is an
    estimate (``ESTIMATE``), else None. A clause about the derived figure ("人均约6.7元，按常住人口推算")
    and a denied word ("非估算数") do not count."""
    texts: list[tuple[str, int | None, Any]] = [("note", None, note)] + [("evidence", i, e) for i, e in enumerate(evidence)]
    for where, i, text in texts:
        if isinstance(text, str) and _is_estimate(text):
            return where, i, text
    return None


@functools.lru_cache(maxsize=4096)
def _is_estimate(text: str) -> bool:
    """Memoised: the engine asks it of the same notes and titles in every draw of an uncertainty
    analysis of a unit the rules would recognise (``Decision.estimated``)."""
    for clause in _CLAUSES.split(text):
        if _DERIVED.search(clause):
            continue
        for found in ESTIMATE.finditer(clause):
            if not _DENIED.search(clause[:found.start()]):
                return True
    return False


#: a note that says the rate was asked in another indicator's survey: "未单独调查，与K4同一问卷" is a survey
_SAME_SURVEY = re.compile(r"同一(?:份|次)?(?:问卷|调查)|一并(?:调查|询问)|同卷|\bsame (?:survey|questionnaire)\b", re.I)


def says_no_survey(note: Any) -> bool:
    """Whether a survey rate's note says no survey was run for it ("未单独调查，参照K4估计", "not
    surveyed separately"): the rate is then no survey's result, whatever the sample rule says. A note
    that says it was asked in another indicator's questionnaire ("与K4同一问卷") names a survey."""
    return isinstance(note, str) and NO_SURVEY.search(note) is not None and _SAME_SURVEY.search(note) is None


def claims_complete(note: Any) -> str | None:
    """The clause of a note that claims completeness ("已实现街道社区学校全覆盖", "all streets have a
    community school"), else None; a plan, a hope or a near miss ("力争全覆盖", "基本实现全覆盖",
    "almost every street") is no claim."""
    if not isinstance(note, str):
        return None
    for clause in _CLAUSES.split(note):
        if COMPLETE.search(clause) and not _NOT_A_CLAIM.search(clause):
            return clause.strip()
    return None


def place_names(title: str) -> list[str]:
    """The district, county and city names a title holds ("《金湾区建设学习型城区行动计划》" → 金湾区),
    read where a name stands: at the start of the title or of a quoted title, after a year ("2025年金湾
    区政府工作报告", "2025年度…"), a mark, or the province or city above it ("北京市朝阳区"). 城区, 社区,
    示范区, 城市, 市民 and the like are no names."""
    out = []
    for found in _PLACE.finditer(title):
        name, suffix = found.group(1), found.group(2)
        word = name + suffix
        if any(word.endswith(w) for w in _COMMON_END) or _NOT_A_NAME.search(name):
            continue
        out.append(word)
    return out


#: a province's name: 2–3 Chinese characters before 省, where a name may start ("《中原省终身教育促进条例》")
_PROVINCE = re.compile(r"(?:^|(?<=[《〈“‘「『（(【\[\s、，,；;：:年度]))(?=([\u4e00-\u9fff]{2,3}?)省)")


def province_names(title: str) -> list[str]:
    """The province names a title holds, read where a name stands ("《中原省终身教育促进条例》" → 中原省);
    省级, 本省, 全省 and the like are no names."""
    return [name + "省" for name in (m.group(1) for m in _PROVINCE.finditer(title)) if not _NOT_A_NAME.search(name)]


def other_places(title: Any, unit: Any, parent: Any, province: Any, level_suffixes: str) -> list[str]:
    """The names in ``title`` of places other than the unit, its parent and its province, of the
    kinds ``level_suffixes`` allows (a city's own districts and counties are its own: a city is asked
    only of other cities). A title that names the unit itself, or speaks of a relation (a cooperation
    agreement, twinning, a delegation), names the other place for a reason."""
    if not isinstance(title, str):
        return []
    own = [s for s in (_stem(unit), _stem(parent), _stem(province)) if s]
    if any(s in title for s in own[:1]) or _RELATION.search(title):
        return []
    # another province only where the unit's own is given (G27R-8: Moxi, in 江南省, filed 《中原省终身教育促进条例》),
    # and not in a title another district, county or city already names ("《金湾区贯彻〈江苏省…条例〉实施办法》")
    places = place_names(title)
    provinces = province_names(title) if "省" in level_suffixes and _stem(province) and not places else []
    return [w for w in dict.fromkeys(places + provinces)
            if w[-1] in level_suffixes and _stem(w) not in own and not any(_stem(w).endswith(s) or s.endswith(_stem(w))
                                                                         for s in own)]


def says_estimate(note: Any, evidence: list[str] | tuple = (), survey_rate: bool = False,
                  sample_size: int | None = None) -> bool:
    """Whether an answer gives its figure as an estimate by its own words (``estimate_words``), or is
    a survey rate with no sample whose note says no survey produced it (``says_no_survey``): the
    figures the engine does not recognise a unit on until they are counted or verified, and the
    planner does not count on (``Decision.estimated``), as ``estimated-figure`` warns of them."""
    if survey_rate and sample_size is None and says_no_survey(note):
        return True
    return estimate_words(note, list(evidence)) is not None


#: a method that counts each person once ("按身份证号去重", "按人去重，不按人次", "同一人…只计1人", "de-duplicated by ID")
_PER_PERSON = re.compile(r"按(?:身份证号?|人|用户)去重|不按人次|只计1?一?人|按一人计|\bde-?duplicated\b|\bonce per person\b", re.I)
#: a note that says its count is not so: "未按身份证号去重", "按培训人次统计", "注册账号数", "not de-duplicated"
_NOT_PER_PERSON = re.compile(r"未(?:按[^，。；,;]{0,8})?去重|没有去重|未剔除重复|按(?:培训|参训|学习|活动)?人次(?:统计|计算?|填报)"
                             r"|(?:注册)?账号数|\bnot de-?duplicated\b|\bcounts? (?:of )?(?:visits|sessions|accounts)\b", re.I)
#: what a method leaves out: "不含学历教育、中小学和幼儿园经费", "不含兼职教师和志愿者", "线上课程不计入", "excluding …"
_LEAVES_OUT = re.compile(r"不含([\u4e00-\u9fff、，和及与（）()]+)|([\u4e00-\u9fff]{2,8})不计入|\bexcluding ([^;.\u4e00-\u9fff]+)"
                         r"|\b([a-z][a-z -]{2,40}?) (?:are |is )?(?:excluded|not counted|counted in [A-Z]\w*, not here)\b", re.I)
#: a note that says its figure holds something: "含线上课程学习人次", "包括学历教育经费", "including online courses"
_HOLDS = re.compile(r"(?<![不未非])(?:含|包括|包含|计入了?)|\bincludes?\b|\bincluding\b", re.I)
#: a note that says what a full count holds is not yet there: "2个社区学校尚在建设", "3条正在整改"
_UNFINISHED = re.compile(r"尚在建设|正在建设|在建|筹建|尚未建成|尚未开班|未开班|尚未运行|尚未投入使用"
                         r"|正在整改|尚待整改|尚未整改|未完成整改|\bunder construction\b|\bnot yet (?:open|running|built|remedied)\b",
                         re.I)


def _left_out(method: str) -> list[str]:
    """The things a method's words leave out, each as the stem a note would name it by (its first
    two characters in Chinese: 学历, 中小, 幼儿, 线上, 兼职, 志愿; an English phrase's first word:
    degree, online, part-time, as "online course views" names "online courses")."""
    out = []
    for m in _LEAVES_OUT.finditer(method):
        text = next(g for g in m.groups() if g)
        for part in re.split(r"[、，,和及与]|\band\b|\bor\b", text):
            part = part.strip()
            if part:
                out.append(part[:2] if re.match(r"[\u4e00-\u9fff]", part) else part.lower().split()[0])
    return out


@functools.lru_cache(maxsize=4096)
def against_method(note: Any, method: str | None, full: bool = False) -> str | None:
    """The clause of an answer's note that says its figure is counted otherwise than the framework's
    method (计算方法) counts it, else None: a count the method takes per person that the note gives
    undeduplicated or per visit ("平台注册账号数，未按身份证号去重", "按培训人次统计"); a sum holding what the
    method leaves out ("含线上课程学习人次" beside "线上课程不计入", "含…学历教育经费" beside "不含学历教育");
    and, for a count at its whole (``full``: 9 of 9 streets, 100 %), a note that part of it is not yet
    there ("2个街道社区学校尚在建设", "8条中已整改5条，其余3条正在整改"). Bailu read 92.6, 认定为示范区, with
    all of these quoted under its figures in 三 and nothing asked (G27A-3, G28A-3). ``method``: the
    indicator's numerator and deduplication words, as the framework gives them in the form's language.
    Memoised: the engine asks it of the same notes in every draw of an uncertainty analysis of a unit
    the rules would recognise (``Decision.against_method``), as ``_is_estimate``."""
    if not isinstance(note, str) or not note.strip():
        return None
    method = method or ""
    per_person = _PER_PERSON.search(method) is not None
    stems = _left_out(method)
    for clause in _CLAUSES.split(note):
        if not clause.strip() or _NOT_A_CLAIM_PLAN.search(clause):
            continue
        if per_person and _NOT_PER_PERSON.search(clause):
            return clause.strip()
        held = _HOLDS.search(clause)
        if held and any(s in clause[held.end():].lower() for s in stems):
            return clause.strip()
        if full and _UNFINISHED.search(clause):
            return clause.strip()
    return None


#: a clause about what the unit plans, not what its figure holds ("计划2026年将线上课程纳入统计")
_NOT_A_CLAIM_PLAN = re.compile(r"计划|拟|将于|明年|下一年度|\bwill\b|\bplans? to\b", re.I)


def method_text(measurement: Any) -> str:
    """The words of an indicator's method a note is read against (``against_method``): its numerator
    and deduplication, both languages (the note is in the form's language, whatever the reader's)."""
    parts = (getattr(measurement, "numerator", None), getattr(measurement, "deduplication", None))
    return " ".join(f"{p.zh or ''} {p.en or ''}" for p in parts if p is not None)


def at_whole(unit: Any, figure: Any) -> bool:
    """Whether a figure is a share at its whole (C1 9 of 9 streets, J3 100 %), beside which a note
    that part of it is not yet there contradicts it (``against_method``'s ``full``)."""
    return unit == "%" and isinstance(figure, (int, float)) and round(figure, 2) >= 100


def method_contradicted(note: Any, measurement: Any, full: bool = False) -> tuple[str, str, str, bool] | None:
    """(the note's clause, the method's words it contradicts in Chinese, in English, whether it is
    a part of a whole count not yet there) for an answer whose note says it is counted otherwise
    (``against_method``), else None. The words are the
    clause of the numerator or deduplication whose rule the note breaks ("按身份证号去重", "线上课程不
    计入"); a count at its whole that the note says is not all there contradicts the numerator's
    first clause ("年末有开班的社区学校…的街道（乡镇）个数"). ``lcity validate`` quotes them (G29A-1)."""
    if measurement is None:
        return None
    clause = against_method(note, method_text(measurement), full)
    if clause is None:
        return None
    parts = [p for p in (measurement.deduplication, measurement.numerator) if p is not None]
    for p in parts:
        if against_method(note, f"{p.zh or ''} {p.en or ''}", False) == clause:
            return (clause, *_clause_of(p, note), False)
    numerator = measurement.numerator
    return clause, _split_zh(numerator.zh)[0], _split_en(numerator.en)[0], True


def _split_zh(text: str | None) -> list[str]:
    return [c.strip() for c in re.split(r"[；;]", text or "") if c.strip()] or [""]


def _split_en(text: str | None) -> list[str]:
    return [c.strip() for c in re.split(r";", text or "") if c.strip()] or [""]


def _clause_of(part: Any, note: str) -> tuple[str, str]:
    """The clause of a method's part (zh, en) that a note contradicts; the English clause is the one
    at the same place (the framework writes both in the same order), else the English whole."""
    zh, en = _split_zh(part.zh), _split_en(part.en)
    for k, c in enumerate(zh):
        if against_method(note, c, False) is not None:
            return c, en[k] if len(en) == len(zh) else part.en or ""
    for k, c in enumerate(en):
        if against_method(note, c, False) is not None:
            return zh[k] if len(en) == len(zh) else part.zh or "", c
    return part.zh or "", part.en or ""


def says_unfinished(note: Any) -> bool:
    """Whether a note says part of what the figure counts is not yet there ("3个街道的社区学校2025年未
    开班", "其余3条正在整改"): it speaks of the gap, so a plan that closes it does not carry it to the
    planned figure (``evaluator.plan.apply``), where it would read as a full count it contradicts."""
    return isinstance(note, str) and any(_UNFINISHED.search(c) and not _NOT_A_CLAIM_PLAN.search(c)
                                         for c in _CLAUSES.split(note))
