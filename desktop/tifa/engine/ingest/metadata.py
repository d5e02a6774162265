"""Metadata from what a document says about itself: dates in any common form, the year
a "7月21日" belongs to, titles made from a first sentence, and people versus outlets."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections import Counter
from collections.abc import Sequence

from tifa.engine.lazy_re import lazy_compile

_CN_DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NUMERIC_DATE_RE = lazy_compile(r"(?<![\d-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_MONTH_DAY_RE = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_YEAR_RE = lazy_compile(r"(?<![\d到至])(?<!到)(20\d{2}|19\d{2})年(?!\d)")
_FUTURE_YEAR_RE = lazy_compile(r"(到|至|截至)(20\d{2}|19\d{2})年")

# A date in Chinese numerals, as office documents sign off: 二〇二四年七月三十日, with the
# common misprints of 〇 (○, O, 0, 零).
_HAN_DIGIT = {**dict.fromkeys("〇○◯零OＯ0０", 0),
              **{ch: i for i, ch in enumerate("一二三四五六七八九", 1)}}
_HAN_NUMBER = "[一二三四五六七八九十]{1,3}"
_HAN_DATE_RE = re.compile(
    rf"([〇○◯零OＯ0０一二三四五六七八九]{{4}})\s*年\s*(元|{_HAN_NUMBER})\s*月"
    rf"\s*({_HAN_NUMBER})\s*日")
_HAN_DATE_HINT_RE = re.compile("[〇○◯零OＯ0０一二三四五六七八九]年")


def _han_number(text: str) -> int | None:
    """1-99 in Chinese numerals (七, 十二, 三十, 三十一), or None."""
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _HAN_DIGIT.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_HAN_DIGIT.get(tens, -99) if tens else 1) * 10 + (_HAN_DIGIT.get(ones, -99) if ones
                                                              else 0)


def _han_date_digits(m: re.Match[str]) -> str:
    year = "".join(str(_HAN_DIGIT[ch]) for ch in m[1])
    month, day = 1 if m[2] == "元" else _han_number(m[2]), _han_number(m[3])  # 元月: January
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return m[0]
    return f"{year}年{month}月{day}日"


# A year of the Republic of China calendar (Taiwan's government pages): 民國113年 is 2024.
_ROC_OFFSET = 1911
_ROC_YEAR_RE = re.compile(r"(?:中華|中华)?民[國国]\s*(\d{1,3})\s*年")
# After a date label, the year alone: "發布日期：113年7月30日", "發布日期：113-07-30".
_ROC_BARE_DATE_RE = lazy_compile(
    r"^(\d{2,3})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)(?:\s*日)?")


def _roc_year(m: re.Match[str]) -> str:
    return f"{int(m[1]) + _ROC_OFFSET}年"


def roc_code_date(code: str) -> dt.date | None:
    """The day of 中央社's date code at a wire's end, yyymmdd in years of the Republic of
    China ("1141208": 民國114年12月08日, 2025-12-08), or None."""
    if not re.fullmatch(r"\d{6,7}", code):
        return None
    return _date(int(code[:-4]) + _ROC_OFFSET, int(code[-4:-2]), int(code[-2:]))


# The same in Chinese numerals, as laws and their histories write it: 中華民國一百十二年十二月
# 二十一日, 中華民國九十年十一月十二日, 民國元年 (1912).
_ROC_HAN_YEAR_RE = re.compile(
    rf"(?:中華|中华)?民[國国]\s*(元|[一二三四五六七八九十百〇零]{{1,6}})\s*年"
    rf"(?:\s*(元|{_HAN_NUMBER})\s*月(?:\s*({_HAN_NUMBER})\s*日)?)?")


def _han_year_of_roc(text: str) -> int | None:
    """1-199 in Chinese numerals (元, 九十, 一百十二, 一百一十三, 一百零八), or None."""
    if text == "元":
        return 1
    if "百" not in text:
        return _han_number(text)
    hundreds, _, rest = text.partition("百")
    h = _HAN_DIGIT.get(hundreds) if hundreds else 1
    rest = rest.lstrip("零〇")
    n = _han_number(rest) if rest else 0
    if h is None or n is None:
        return None
    return 100 * h + n


def _roc_han_date(m: re.Match[str]) -> str:
    year = _han_year_of_roc(m[1])
    if year is None:
        return m[0]
    out = f"{year + _ROC_OFFSET}年"
    if m[2]:
        month = 1 if m[2] == "元" else _han_number(m[2])
        if month is None or not 1 <= month <= 12:
            return out + m[0][m.end(1) - m.start():].split("年", 1)[1]
        out += f"{month}月"
        if m[3]:
            day = _han_number(m[3])
            out += f"{day}日" if day is not None and 1 <= day <= 31 else f"{m[3]}日"
    return out


def calendar_digits(text: str) -> str:
    """``text`` with dates in Chinese numerals or in years of the Republic of China written
    as other dates are: 二〇二四年七月三十日 (or 二○二四…) → 2024年7月30日, 民國113年7月30日,
    中華民國113年… and 中華民國一百十三年七月三十日 → 2024年7月30日. Other text is unchanged."""
    if "民" in text:
        text = _ROC_YEAR_RE.sub(_roc_year, text)
        text = _ROC_HAN_YEAR_RE.sub(_roc_han_date, text)
    if not _HAN_DATE_HINT_RE.search(text):
        return text
    return _HAN_DATE_RE.sub(_han_date_digits, text)


def roc_date_digits(value: str) -> str:
    """A date label's value whose year is of the Republic of China without saying so
    ("113年7月30日", "113-07-30" after 發布日期) in Gregorian years; else ``value``."""
    m = _ROC_BARE_DATE_RE.match(value.strip())
    if m is None:
        return value
    return f"{int(m[1]) + _ROC_OFFSET}年{int(m[2])}月{int(m[3])}日{value.strip()[m.end():]}"


# Party congresses and when they opened: text that prepares for one ("迎接党的二十大",
# "十九大即将召开") was written in the months before it.
_CONGRESS_OPENED = {
    "十五": dt.date(1997, 9, 12),
    "十六": dt.date(2002, 11, 8),
    "十七": dt.date(2007, 10, 15),
    "十八": dt.date(2012, 11, 8),
    "十九": dt.date(2017, 10, 18),
    "二十": dt.date(2022, 10, 16),
    "二十一": dt.date(2027, 10, 1),  # not yet fixed; only the year matters here
}
_UPCOMING_CONGRESS_RE = lazy_compile(
    r"(迎接|迎接党的|喜迎|献礼|召开前|即将召开|胜利召开营造|胜利召开创造)[^。]{0,4}?"
    r"(二十一|二十|十九|十八|十七|十六|十五)大"
    r"|(二十一|二十|十九|十八|十七|十六|十五)大(即将召开|召开在即|胜利召开营造|召开前)"
)
_OUTLET_RE = lazy_compile(
    r"(日报|晚报|早报|时报|报|网|新闻|发布|客户端|杂志|电视台|通讯社|财经|出版社|求是|"
    r"日報|晚報|早報|時報|報|網|新聞|發佈|發布|財經|雜誌|電視台)$"
    r"|^(网易|新浪|搜狐|腾讯|凤凰|百度|澎湃|今日头条|網易|騰訊|鳳凰)"  # portals' <meta author>
    # news agencies by name (not any name ending in 社: 王建社 is a person)
    r"|^(新华社|新華社|中新社|中通社|中央社|共同社|路透社|美联社|美聯社|法新社|塔斯社|韩联社|"
    r"韓聯社|合众社|合眾社|安莎社|德新社)$"
)


def parse_date(value: object) -> dt.date | None:
    """A date from front matter or a dated line, in any common form: 2022-07-21,
    2022/7/21, 2022年7月21日, RFC 2822 (Thu, 21 Jul 2022 23:44:13 GMT), ISO 8601 with time.

    The calendar date is taken as written, without moving it to another time zone.
    """
    if isinstance(value, dt.date):  # YAML's own dates too: 0001-01-01 is no document's date
        return _date(value.year, value.month, value.day)
    if not isinstance(value, str | int | float):
        return None
    text = calendar_digits(str(value).strip())
    if not text or re.match(r"-\d", text):  # -2022-01-01: a year before year 1
        return None
    for regex in (_CN_DATE_RE, _NUMERIC_DATE_RE):
        m = regex.search(text)
        if m:
            return _date(int(m[1]), int(m[2]), int(m[3]))
    import email.utils  # only here: it brings in the socket module (~5 ms of a start)

    try:
        parsed = email.utils.parsedate_tz(text)
    except (TypeError, ValueError):
        parsed = None
    if parsed is not None:
        return _date(parsed[0], parsed[1], parsed[2])
    if not re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", text):
        return None  # dateutil fills a missing year from today: never guess that
    try:
        from dateutil import parser as date_parser

        return date_parser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError, TypeError):
        return None


def implausible_date(value: object) -> str | None:
    """The date as written when it is one but outside 1900–2100 (0001-01-01, 9999-12-31,
    -2022-01-01), else None: such a date is not taken, and the reader says so."""
    if isinstance(value, dt.date):
        return None if parse_date(value) else value.isoformat()
    text = str(value).strip() if isinstance(value, str | int) else ""
    if re.fullmatch(r"-?\d{1,6}[-/.]\d{1,2}[-/.]\d{1,2}([ T].*)?", text) and not parse_date(text):
        return text
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day) if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def date_from_text(lede: str, whole: str, title: str = "") -> tuple[dt.date | None, str]:
    """The date a report's first paragraph gives ("7月21日，市委召开…"), with its year
    from the text when the text does not say it: ``(date, how)``; ``(None, "")`` if unknown,
    ``(None, NO_YEAR + "12月8日")`` when the lede gives a day whose year nothing tells.

    The year comes from a full date in the lede, else from an upcoming party congress
    ("迎接党的二十大" → the months before October 2022), else from the year the text
    names most often (targets like "到2025年" not counted; a year the lede does not name
    only if named twice and not against the lede's: ``_main_year``). Dates in Chinese
    numerals count as in digits. A full date the text looks back on (``looks_back``:
    "1949年10月1日，中华人民共和国成立。七十五年来…") is history, not the report's day: then
    no date.
    """
    lede, whole, title = calendar_digits(lede), calendar_digits(whole), calendar_digits(title)
    m = _CN_DATE_RE.search(lede[:80])
    if m:
        if looks_back(lede, m, whole, title) or _its_anniversary(m, lede, title):
            return None, ""
        return _date(int(m[1]), int(m[2]), int(m[3])), "stated"
    md = _MONTH_DAY_RE.search(lede[:40])
    if md is None:
        return None, ""
    if looks_back(lede, md, whole, title):  # "8月1日，南昌起义爆发。97年来…"
        return None, ""
    month, day = int(md[1]), int(md[2])
    congress = _upcoming_congress(whole)
    if congress is not None:
        year = congress.year if (month, day) <= (congress.month, congress.day) else \
            congress.year - 1
        found = _date(year, month, day)
        if found:
            return found, f"year from the upcoming party congress ({congress.year})"
    year_named = _main_year(whole, month, lede)
    if year_named is None:
        year_named = _year_of_days_nearby(whole, month, day)
    if year_named is not None and _anniversary_of(md, lede) and re.search(
            rf"{year_named}\s*年的?\s*{month}\s*月\s*{day}\s*日", whole):
        return None, ""  # "10月1日是…国庆节…1949年10月1日…": 1949 is the event's year
    if year_named is not None:
        found = _date(year_named, month, day)
        if found:
            return found, f"year from the text ({year_named}年)"
    if _date(2000, month, day) and not _anniversary_of(md, lede):  # 2000: 2月29日 is a day
        return None, f"{NO_YEAR}{month}月{day}日"
    return None, ""


#: How ``date_from_text`` says it found a day but not its year ("…12月8日"): the start of
#: the ``no-date`` warning's message then.
NO_YEAR = "the document does not say its year: its text says "


# Years counted from an event: 75周年, 七十五周年, 七十五年来, 40多年前, 一百周年 (at most three
# digits: 2030年前 is a deadline, not thirty years ago), with the two characters before the
# count (成立75周年: what is counted from).
_ELAPSED_RE = lazy_compile(
    r"([\u4e00-\u9fff]{2})?(?:(?<!\d)\d{1,3}|[一二三四五六七八九十百零〇两]+)多?"
    r"(周年|年来|年前|年后|年过去)")
_SENTENCE_END_RE = re.compile(r"[。！？；!?;]")
_TODAY_RE = re.compile(r"的?(今天|今日|这一天|這一天)")
# The words an anniversary uses for its event where the event's own sentence says another
_EVENT_WORDS = {"诞辰": ("诞生", "出生", "生于", "诞辰"), "逝世": ("逝世", "去世", "病逝")}


# A day named as what it is every year: "10月1日是…国庆节", "9月3日为…纪念日", "每年的7月1日"
_ANNIVERSARY_BEFORE_RE = re.compile(r"每年的?\s*$")
_ANNIVERSARY_AFTER_RE = re.compile(r"\s*[，,]?\s*(?:是|为|為|乃)(?!日)")


def _anniversary_of(md: re.Match[str], text: str) -> bool:
    """Whether the month-day ``md`` (in ``text``) is named as a day that comes every year
    ("10月1日是中华人民共和国的国庆节", "每年的7月1日"), not as the day something happened."""
    return bool(_ANNIVERSARY_BEFORE_RE.search(text, 0, md.start())
                or _ANNIVERSARY_AFTER_RE.match(text, md.end()))


def _its_anniversary(date: re.Match[str], lede: str, title: str) -> bool:
    """Whether the full date ``date`` follows a day the title or the lede names as an
    anniversary: "10月1日是中国的国庆节。…1949年10月1日，…开国大典", "建党周年是每年的7月1日。
    1921年7月23日，…": the text is about the day that comes every year, the date is its
    history."""
    return any(_anniversary_of(md, text)
               for text, end in ((title, len(title)), (lede, date.start()))
               for md in _MONTH_DAY_RE.finditer(text, 0, end))


def looks_back(lede: str, date: re.Match[str], whole: str, title: str = "") -> bool:
    """Whether the full date ``date`` found in ``lede`` is an event the text looks back on,
    not the day of the report: its sentence counts no years itself (a report of the day
    says "庆祝…成立75周年大会在京举行"), and either the next sentence opens counting years
    from it ("…，中华人民共和国成立。七十五年来"), or the title or the text counts years from
    the event its sentence names (成立75周年 for "…，中华人民共和国成立"; 胜利80周年 for a
    sentence about the victory day; not 论坛成立7年来 after "…向论坛发表视频致辞"), or the
    title names a year two or more years later (2016年是抗战胜利多少周年 over
    "1931年9月18日，…")."""
    start = max((e.end() for e in _SENTENCE_END_RE.finditer(lede, 0, date.start())),
                default=0)
    end_match = _SENTENCE_END_RE.search(lede, date.end())
    end = end_match.end() if end_match else len(lede)
    sentence = lede[start:end]
    if _ELAPSED_RE.search(sentence):
        return False
    full = date.re is _CN_DATE_RE
    after = _ELAPSED_RE.match(lede, end)  # "。七十五年来，…": counted from what was just said
    if after and not (after[1] and "\u4e00" <= after[1][0] <= "\u9fff"
                      and after[1][0] not in "一二三四五六七八九十百零〇两") and (
            full or not _TODAY_RE.match(lede, after.end())):
        return True  # …but "10月1日…。75年前的今天": a month-day that is today is the day
    for m in _ELAPSED_RE.finditer(f"{title}\n{lede[end:]}\n{whole}"):
        word = m[1]  # 成立75周年, 成立7年来: counted from the event the date's sentence names?
        if word and any(w in sentence for w in _EVENT_WORDS.get(word, (word,))):
            return True
    if not full:
        return False  # "7月1日": no year to set against the title's
    year = int(date[1])
    titled = _BOOK_TITLE_RE.sub("《》", title)
    future = {int(f[2]) for f in _FUTURE_YEAR_RE.finditer(titled)}
    return any(int(y[1]) >= year + 2 and int(y[1]) not in future
               for y in _YEAR_RE.finditer(titled))


# A meeting's days: 2025年10月20日至23日, 2025年10月20日—23日
_DAYS_RE = lazy_compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*(?:至|到|-|—|－|~|～)"
                        r"\s*(\d{1,2})\s*日")


def _year_of_days_nearby(text: str, month: int, day: int) -> int | None:
    """The year of the days ``text`` gives an event with its year, when ``month``/``day``
    is one of them ("10月23日，…全会通过公报" over "全会于2025年10月20日至23日在北京举行"),
    unless a later year is named too (then those days are history). The same day with a
    year alone (1921年7月1日 under "7月1日，…座谈会") is an anniversary's, not this one."""
    years = {int(y[1]) for y in _YEAR_RE.finditer(_BOOK_TITLE_RE.sub("《》", text))}
    future = {int(f[2]) for f in _FUTURE_YEAR_RE.finditer(text)}
    latest = max(years - future, default=0)
    for m in _DAYS_RE.finditer(text):
        year = int(m[1])
        if int(m[2]) == month and int(m[3]) <= day <= int(m[4]) and year >= latest \
                and _date(year, month, day):
            return year
    return None


def _upcoming_congress(text: str) -> dt.date | None:
    counts = Counter(next(g for g in m.groups()[1:] if g)
                     for m in _UPCOMING_CONGRESS_RE.finditer(text))
    if not counts:
        return None
    number, _ = counts.most_common(1)[0]
    return _CONGRESS_OPENED.get(number)


# A title in 《》 names the year its subject is about, not the year it is discussed in
# (the Politburo met in March 2020 on 《关于2019年脱贫攻坚成效考核等情况的汇报》).
_BOOK_TITLE_RE = lazy_compile(r"《[^《》\n]{0,80}》")


# A year a meeting plans rather than the year it meets in: "分析研究2026年经济工作",
# "部署2024年工作", "2024年计划安排" (a meeting in the year's second half plans the next).
_PLANNED_YEAR_RE = lazy_compile(
    r"(?:研究|部署|谋划|安排|筹划)(?:好|做好)?((?:19|20)\d{2})年度?的?(?:经济|各项|全年|重点)?工作"
    r"|((?:19|20)\d{2})年度?(?:工作)?(?:计划|工作安排|工作要点|工作思路|目标任务)")


def _main_year(text: str, month: int, lede: str = "") -> int | None:
    """The year the text names most often. Two years named as often, one after the other,
    are the year under review and the year planned ("2023年…完成情况及2024年计划"): a
    meeting in the second half of a year reviews it, in the first half plans it; from July
    a year named as what is planned ("分析研究2026年经济工作") is not counted at all.

    A year the lede does not name is taken only when the text names it twice or more (a
    single "自2023年以来" further down is background), and never when the lede names other
    years, none of them next to it (the lede plans 2026, a caption further down speaks of
    2021): then the text does not say its year clearly, and no year is better than a
    wrong one."""
    text = _BOOK_TITLE_RE.sub("《》", text)
    future = Counter(int(m[2]) for m in _FUTURE_YEAR_RE.finditer(text))
    counts = Counter(int(m[1]) for m in _YEAR_RE.finditer(text))
    for year, n in future.items():
        counts[year] -= n
    if month >= 7:
        for m in _PLANNED_YEAR_RE.finditer(text):
            counts[int(m[1] or m[2])] -= 1
    candidates = sorted(((n, year) for year, n in counts.items() if n > 0), reverse=True)
    if not candidates:
        return None
    (n, year), rest = candidates[0], candidates[1:]
    if rest and rest[0][0] == n and abs(rest[0][1] - year) == 1 and month >= 7:
        year = min(year, rest[0][1])
    in_lede = {int(m[1]) for m in _YEAR_RE.finditer(_BOOK_TITLE_RE.sub("《》", lede))}
    if lede and year not in in_lede and (
            counts[year] < 2 or (in_lede and all(abs(y - year) > 1 for y in in_lede))):
        return None
    return year


_THIS_OUTLET_RE = lazy_compile(r"本(报|報|网|網|台|刊|站|社|网站|網站|报社|報社|刊记者)")


def names_nobody(name: str) -> bool:
    """本报, 本网, 本台…: "this paper / site / station" (本报讯, 本网讯) names no outlet; nor
    does a site's empty field (信息来源:暂无 "none yet", 不详, 未知)."""
    name = name.strip()
    return bool(_THIS_OUTLET_RE.fullmatch(name)) or name in _NO_VALUE


_NO_VALUE = frozenset({"暂无", "暫無", "无", "無", "不详", "不詳", "未知", "空"})

# Official documents (公文, GB/T 9704): the type of document (文种) alone on a line, the
# issuing body (发文机关) on a line of its own above the title or in the sign-off (落款),
# the document number (发文字号 京政办发〔2016〕26号).
_DOC_TYPES = ("通知", "公告", "通告", "决定", "决议", "意见", "通报", "公报", "命令", "批复",
              "纪要", "公示", "声明", "启事", "倡议书", "函", "報告", "报告", "请示", "通知书")
_DOC_TYPE_RE = lazy_compile(r"(紧急|重要|补充|緊急|重要|補充)?(" + "|".join(_DOC_TYPES) + ")")
_SECTION_LABEL_RE = lazy_compile(r"(通知|公告|通告|公示|通知公告|公告公示)+")
_ISSUER_RE = lazy_compile(
    r"(?![各全本该])(?=.{3})[\u4e00-\u9fffA-Za-z0-9（）()]{0,30}?(办公厅|国务院|银行|办公室|委员会|人民政府|政府|党委|党组|党工委|工委|"
    r"纪委|监委|常委会|政协|[省市县区州盟镇乡]委|局|厅|署|法院|检察院|指挥部|领导小组|"
    r"中心|总支|党支部|支部|董事会|大学|学院|学校|研究院|研究所|协会|联合会|工会|团委|"
    r"组织部|宣传部|统战部|[^各全部]部|处|辦公廳|辦公室|委員會|人民政府|黨委)")
_DOC_NUMBER = (r"[\u4e00-\u9fff]{1,14}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?"
               r"\s*\d{1,4}\s*号")
_DOC_NUMBER_RE = lazy_compile(_DOC_NUMBER)


def document_type(line: str) -> str | None:
    """The type of an official document when ``line`` is only that (通知, 紧急通知, 公告)."""
    line = line.strip()
    return line if _DOC_TYPE_RE.fullmatch(line) else None


def section_label(line: str) -> bool:
    """A site's section name over its notices (通知公告, 公告公示), or a type alone."""
    return bool(_SECTION_LABEL_RE.fullmatch(line.strip()))


def issuing_body(line: str) -> str | None:
    """The issuing body when ``line`` is only its name (中共XX市委办公厅, 腰山镇人民政府,
    福州大学机关一党委, 党委组织人事部), else None: no punctuation, no numbering."""
    line = line.strip()
    return line if _ISSUER_RE.fullmatch(line) else None


def document_number(line: str) -> str | None:
    """The document number (发文字号) a line starts with: 京政办发〔2016〕26号."""
    m = _DOC_NUMBER_RE.match(line.strip())
    return m[0] if m else None


# The document number set after a title, in brackets or apart (GB/T 9704 puts it above;
# sites copy it after: "…的通知(岳办发〔2017〕2号)", "…的通知（国办发〔2024〕12号）").
_NUMBER_AFTER_TITLE_RE = lazy_compile(
    rf"(?:\s*[(（]\s*({_DOC_NUMBER})\s*[)）]|[\s\u3000]+({_DOC_NUMBER}))\s*$")


def number_after_title(title: str) -> tuple[str, str] | None:
    """``(title, number)`` when ``title`` ends with a document number in brackets or set
    apart by a space ("…实施意见》的通知(岳办发〔2017〕2号)"), else None. The title must keep
    at least four characters without it."""
    m = _NUMBER_AFTER_TITLE_RE.search(title)
    if m is None or len(title[:m.start()].strip()) < 4:
        return None
    return title[:m.start()].rstrip(), (m[1] or m[2]).strip()


def is_outlet(name: str) -> bool:
    """Whether a name is a publication rather than a person (新浪财经, 新京报, 成都发布)."""
    return bool(_OUTLET_RE.search(name.strip()))


_CLAUSE_END_RE = re.compile(r"[，。！？；,;!?]")


def title_from_lede(lede: str, *, limit: int = 40) -> str:
    """A title for a document without one: the lede's first clauses, up to ``limit``
    characters ("7月27日，成都市委工作会议召开")."""
    lede = without_leading_date(lede)
    pieces: list[str] = []
    length = 0
    start = 0
    for m in _CLAUSE_END_RE.finditer(lede):
        clause = lede[start: m.start()]
        if length + len(clause) > limit and pieces:
            break
        pieces.append(lede[start: m.end()])
        length += len(clause) + 1
        start = m.end()
        if sum(1 for ch in "".join(pieces) if "\u4e00" <= ch <= "\u9fff") >= 8:
            break
    title = "".join(pieces).rstrip("，。！？；,;!? ") or _cut_at_space(lede, limit)
    return title[:limit]


def _cut_at_space(text: str, limit: int) -> str:
    """``text`` up to ``limit`` characters; a headline without punctuation whose parts are
    set apart by spaces ("…召开会议 认真学习贯彻…讲话精神 李希主持会议") is cut between
    parts, not inside a word."""
    if len(text) <= limit:
        return text
    space = max(text.rfind(" ", 0, limit + 1), text.rfind("\u3000", 0, limit + 1))
    return text[:space].rstrip() if space >= 8 else text[:limit]


def first_value(values: Sequence[object]) -> str | None:
    for value in values:
        if isinstance(value, list | tuple) and value:
            value = value[0]
        if isinstance(value, dict | list | tuple | set):
            continue  # "source: {x: 1}" in front matter is no name (it showed as "{'x': 1}")
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


# An info bar: the line under a headline that says when, where from, by whom
# ("2019-09-26 12:11来源：证券时报网作者：李在山", "发布时间：2022-01-07 15:15:00来源：北京日报",
# "时间：2019-09-18 06:23 来源： 山西日报", "新华社 / 2022-08-03 16:16:19",
# "2022-04-29 12:41·央视新闻", "发布日期：2019-03-06 责任编辑：龙慧"). Labels in both scripts.
_INFO_LABELS = {
    "source": ("来源于", "文章来源", "本文来源", "来源", "稿源", "出处", "來源", "來源於",
               "新闻引据", "新聞引據", "消息来源", "消息來源", "资料来源", "資料來源"),
    "author": ("作者", "撰文", "记者", "記者", "文字"),
    "editor": ("责任编辑", "責任編輯", "责编", "責編", "网站编辑", "網站編輯", "本文编辑",
               "编辑", "編輯", "审核", "審核", "签发", "簽發", "校对", "校對"),
    "date": ("发布时间", "發布時間", "發佈時間", "发布日期", "發布日期", "更新时间", "更新時間",
             "建立时间", "建立時間", "出版时间", "出版時間", "刊发时间", "上传时间",
             "最新更新", "时间", "時間", "日期"),
    # when a government site filed the page away (归档时间:2018-11-21 over a notice of 2017):
    # not when it was written or published
    "archived": ("归档时间", "歸檔時間", "归档日期", "歸檔日期"),
    "views": ("浏览次数", "瀏覽次數", "浏览量", "瀏覽量", "阅读量", "閱讀量", "浏览", "瀏覽",
              "阅读", "閱讀", "点击数", "點擊數", "点击", "點擊"),
}
_LABEL_OF = {word: key for key, words in _INFO_LABELS.items() for word in words}
_INFO_LABEL_RE = re.compile(
    "(" + "|".join(sorted(map(re.escape, _LABEL_OF), key=len, reverse=True)) + r")\s*[:：]\s*")
_INFO_DATE_RE = re.compile(
    r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")
# A bracket after a value opens the page's tools ("来源 : 南方日报网络版 【字体: 【打印】").
_INFO_TOOLS_RE = lazy_compile(r"\s*[【\[]")
_INFO_OUTLET_RE = lazy_compile(r"^[\u4e00-\u9fffA-Za-z]{2,12}$")
_INFO_MAX = 120
_TIME_RE = lazy_compile(r"\d{1,2}[:：]\d{2}([:：]\d{2})?")
_TIME_BEFORE_DATE_RE = re.compile(r"(\d{1,2}:\d{2})(?=(?:19|20)\d{2}[-/.])")
# A page's date label left before the text it was copied with ("date 2025-12-08 中共中央…",
# "日期：2022年7月28日 …"): a label, then a whole date. Not part of a title made from it.
_LEADING_DATE_RE = re.compile(
    r"^\s*(?:date|(?:" + "|".join(map(re.escape, _INFO_LABELS["date"])) + r"))\s*[:：]?\s*"
    + _INFO_DATE_RE.pattern + r"\s*", re.IGNORECASE)


def without_leading_date(text: str) -> str:
    """``text`` without a page's date label at its start ("date 2025-12-08 ", "日期：…");
    ``text`` itself when nothing follows the label."""
    found = _LEADING_DATE_RE.match(text)
    return text[found.end():] if found and text[found.end():].strip() else text


def leading_date(text: str) -> dt.date | None:
    """The date a page's date label at the start of ``text`` gives ("date 2025-12-08 …")."""
    found = _LEADING_DATE_RE.match(text)
    return parse_date("-".join(found.group(1, 2, 3))) if found else None


def parse_info_bar(line: str) -> dict[str, str]:
    """What an info bar says (date as written, source, author, editor), or {} if the line
    is not one: short, no sentence in it, and a label with a value or a date beside an
    outlet name. Views counters are recognised (so the line goes) but not kept. A date in
    Chinese numerals (a sign-off's 二〇二四年七月三十日) is given in digits."""
    text = " ".join(calendar_digits(line).split())
    text = _TIME_BEFORE_DATE_RE.sub(r"\1 ", text)  # "15:312018/09/16"
    if not text or len(text) > _INFO_MAX or "。" in text:
        return {}
    found: dict[str, str] = {}
    labels = list(_INFO_LABEL_RE.finditer(text))
    rest = text
    if labels:
        pieces = [text[: labels[0].start()]]
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
            key = _LABEL_OF[m.group(1)]
            value = text[m.end(): end]
            if key == "date":
                value = roc_date_digits(value)  # "發布日期：113年7月30日": 民國 113
            if key != "date":
                date = _INFO_DATE_RE.search(value)  # "来源：北京日报 2022-01-07" / "…来源："
                if date:
                    pieces.append(value[date.start():])
                    value = value[: date.start()]
                value = value.lstrip()
                tools = _INFO_TOOLS_RE.search(value, 1)  # "南方日报网络版 【字体: 【打印】"
                if tools:
                    value = value[: tools.start()]
            value = value.strip(" |｜/\u3000\u00a0·•-—[]【】、，,")  # "[责任编辑：刘斌]"
            if value and key not in found:
                found[key] = value
        rest = " ".join(pieces)
    date = _INFO_DATE_RE.search(found.get("date", "") or rest)
    if date:
        found["date"] = date.group(0).strip()
    elif "date" in found and not _INFO_DATE_RE.search(found["date"]):
        del found["date"]
    if not labels:
        if date is None:
            return {}
        # "新华社 / 2022-08-03 16:16:19", "2022-04-29 12:41·央视新闻": date and an outlet
        others = [p.strip(" |｜/\u3000\u00a0·•-—") for p in
                  re.split(r"[|｜/·•\s]+", text[: date.start()] + " " + text[date.end():])]
        others = [p for p in others if p and not _TIME_RE.fullmatch(p)]
        if len(others) > 1 or (others and not (_INFO_OUTLET_RE.match(others[0])
                                                and is_outlet_or_agency(others[0]))):
            return {}
        if others:
            found["source"] = others[0]
    found.pop("views", None)
    if found.get("date") and "archived" in [_LABEL_OF[m[1]] for m in labels] and not any(
            _LABEL_OF[m[1]] == "date" for m in labels):
        found["archived"] = found.pop("date")  # the date beside 归档时间 is the filing's
    if found.get("author") in _NOT_NAMES:
        del found["author"]  # "作者：网络" names nobody
    return found if labels or found else {}


_NOT_NAMES = frozenset({"网络", "網絡", "網路", "佚名", "本站", "admin", "管理员", "匿名"})

# The names a computer, not a writer, puts in a file's properties: Word, WPS and PDF
# writers fill "author" with the account or the machine ("Administrator", 微软用户, a
# pirated Windows build's 雨林木风, the library that wrote the file), never the reporter.
_MACHINE_AUTHORS = frozenset({
    "administrator", "admin", "user", "owner", "author", "unknown", "guest", "root",
    "微软用户", "微軟用戶", "微软中国", "微軟中國", "用户", "用戶", "管理员", "管理員",
    "microsoft", "microsoft office user", "microsoft office 用户", "microsoft office 用戶",
    "windows user", "windows 用户", "windows 用戶", "python-docx", "python-pptx", "wps",
    "lenovo", "dell", "hp", "pc", "asus", "acer", "thinkpad", "china", "chinese",
    "雨林木风", "雨林木風", "番茄花园", "番茄花園", "深度", "系统之家", "系統之家",
    "ylmf", "sky123.org", "deepin", "微软", "微軟",
})


# The computer names Windows makes up (DESKTOP-8F3K2L1, USER-20190312AB, PC-201501011234,
# 张三-PC), WPS's anonymous accounts (WPS_1590001234), and an account on such a machine
# (Administrator.PC-20150101ABCD)
_MACHINE_NAME_RE = lazy_compile(
    r"(?:(?:administrator|admin|user)\.)?(?:(?:desktop|laptop|user|pc|win|ms)-[0-9a-z]{4,}"
    r"|\S+-pc|wps_\d{6,})"
)


def machine_author(name: str) -> bool:
    """Whether an author field holds what software put there (an account, a machine, a
    library: "Administrator", 微软用户, DESKTOP-8F3K2L1, python-docx) or names nobody (网络,
    佚名)."""
    text = " ".join(name.split()).casefold()
    return (text in _MACHINE_AUTHORS or text in _NOT_NAMES
            or _MACHINE_NAME_RE.fullmatch(text) is not None)


_AGENCY_RE = lazy_compile(r"(社|台|之家|网|網|新闻|新聞|报|報)$")


def is_outlet_or_agency(name: str) -> bool:
    """An outlet (``is_outlet``) or a news agency / broadcaster (新华社, 央视新闻, 中央社)."""
    return is_outlet(name) or bool(_AGENCY_RE.search(name))


_TITLE_COMPACT_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")


def date_in_title(title: str) -> dt.date | None:
    """A full date a title states: "新闻联播 2022-07-28", "《新闻联播》（20220728）"."""
    title = calendar_digits(title)
    found = parse_date(title) if re.search(r"\d{4}\s*[-/.年]\s*\d{1,2}", title) else None
    if found:
        return found
    m = _TITLE_COMPACT_DATE_RE.search(title)
    return _date(int(m[1]), int(m[2]), int(m[3])) if m else None


_SITE_NOT_NAME_RE = lazy_compile(r"版权|版權|所有|copyright|©|\.", re.IGNORECASE)


def site_name(value: object) -> str | None:
    """A page's site name (og:site_name, trafilatura's sitename) as a source of last resort:
    a short Chinese name, not a domain or a copyright notice ("人民网版权所有")."""
    text = str(value or "").strip()
    if not text or len(text) > 12 or _SITE_NOT_NAME_RE.search(text):
        return None
    return text if re.search(r"[\u3400-\u9fff]", text) else None


# News sites whose article addresses carry the day they published it
_NEWS_HOSTS = ("cctv.com", "cctv.cn", "news.cn", "xinhuanet.com", "people.com.cn", "gov.cn",
               "chinanews.com", "chinanews.com.cn", "chinadaily.com.cn", "china.com.cn",
               "gmw.cn", "youth.cn", "cnr.cn", "ce.cn", "qstheory.cn", "81.cn", "cyol.com")
_URL_DATE_RES = (
    lazy_compile(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})/"),  # tv.cctv.com/2023/04/28/…
    lazy_compile(r"/((?:19|20)\d{2})-(\d{2})/(\d{2})/"),  # news.cn/politics/2023-04/28/c_…
    lazy_compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/"),  # people.com.cn/n1/2023/0428/c…
    lazy_compile(r"/((?:19|20)\d{2})/(\d{2})-(\d{2})/"),  # chinanews.com.cn/gn/2023/04-28/…
)


def date_in_url(value: object) -> dt.date | None:
    """The day in the address of a known news site's article
    (``https://tv.cctv.com/2023/04/28/….shtml``), else None."""
    if not isinstance(value, str):
        return None
    try:
        parts = urllib.parse.urlsplit(value.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not any(host == h or host.endswith("." + h) for h in _NEWS_HOSTS):
        return None
    for regex in _URL_DATE_RES:
        m = regex.search(parts.path)
        if m:
            return _date(int(m[1]), int(m[2]), int(m[3]))
    return None
