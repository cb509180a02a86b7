"""Names that do not meet: a Chinese name whose pinyin the English lacks, and the reverse.

A heuristic, so its findings are "to review", never errors. Two directions:

* **Chinese to English.** A person named beside a title (``市長黃良華``,
  ``陳漢成大使``) whose surname is a common Chinese one. If the English spells
  the name in pinyin (``Huang Lianghua``, either order) all is well. If it
  does not, but has the surname in another romanisation (Cantonese
  ``Wong``, Wade-Giles ``Chang``, Hokkien ``Tan``), the person is there under
  a spelling the reader should check: the sample renders 黃良華 as "Lee Wong"
  and 陳漢成 as "Chan Heng Chee". A name with neither is most likely a
  foreign name in Chinese characters (``艾佩詩``, Cecille El Beleidi) and is
  left alone: pinyin says nothing about it. So is a surname after a Western
  given name (陳德霖 as "Norman Chan", 關家明 as "Nicolas Kwan"): Hong Kong
  officials are known by such names, and a given name that cannot be
  romanised Chinese leaves nothing to compare.
* **English to Chinese.** A capitalised English word that reads as pinyin
  (``Zhubajie``, ``Yichang``; common English words such as "China" or "Hong"
  excepted) must match a run of characters in the bead's Chinese
  (豬八戒, 宜昌). Conventional spellings (Hong Kong, Macao) are looked up
  as the places they name. Pinyin here is made of the syllables of common
  characters (GB 2312 level 1), so "Biden" (bi-den: 扽 is rare) is English.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cache

from store.lang.cache import cached_table
from store.lang.english import english_count
from store.lang.patterns import compiled
from store.lang.pinyin import plain_readings, readings, syllable
from store.lang.script import HAN, converter
from store.model import Entry, Finding

#: Common Chinese surnames (simplified) and their usual non-pinyin romanisations.
_SURNAMES: dict[str, tuple[str, ...]] = {
    "王": ("wong", "ong", "heng"), "李": ("lee", "lei", "lie"), "张": ("cheung", "chang", "teo"),
    "刘": ("lau", "liu", "lew"), "陈": ("chan", "chen", "tan", "chin"), "杨": ("yeung", "yong"),
    "黄": ("wong", "hwang", "ng", "ooi"), "赵": ("chiu", "chao", "chew"), "吴": ("ng", "goh"),
    "周": ("chow", "chou", "chew"), "徐": ("tsui", "hsu", "chee"), "孙": ("suen", "soon"),
    "马": ("mah",), "朱": ("chu", "choo"), "胡": ("woo", "hu"), "郭": ("kwok", "kuo"),
    "何": ("ho", "hoe"), "高": ("ko", "kao"), "林": ("lam", "lim"), "罗": ("law", "lo", "loh"),
    "郑": ("cheng", "tay", "cheang"), "梁": ("leung", "neo"), "谢": ("tse", "hsieh", "chia"),
    "宋": ("sung",), "唐": ("tong",), "许": ("hui", "hsu", "koh"), "韩": ("hon",),
    "冯": ("fung",), "邓": ("tang",), "曹": ("tso", "tsao"), "彭": ("pang",), "曾": ("tsang",),
    "萧": ("siu", "hsiao"), "田": ("tien",), "董": ("tung",), "袁": ("yuen",), "潘": ("poon",),
    "蔡": ("choi", "tsai", "chua"), "余": ("yu", "yee"), "杜": ("to", "tu"), "叶": ("yip", "yeh"),
    "苏": ("so", "soo"), "魏": ("ngai",), "吕": ("lui", "lu"), "丁": ("ting",), "沈": ("shum",),
    "卢": ("lo", "lu"), "钟": ("chung",), "谭": ("tam", "tan"), "陆": ("luk",),
    "汪": ("wong",), "金": ("kam", "kim"), "廖": ("liu", "liew"), "夏": ("ha",),
    "方": ("fong",), "邹": ("chau", "chow"), "江": ("kong",), "关": ("kwan", "kuan"),
    "蒋": ("chiang", "tseung"), "孔": ("hung",), "戴": ("tai", "tay"),
    "严": ("yim",), "邱": ("yau", "khoo"), "侯": ("hau",), "石": ("shek",), "薛": ("sit",),
    "龙": ("lung",), "麦": ("mak",), "莫": ("mok",), "伍": ("ng",), "黎": ("lai",),
    "范": ("fan",), "姚": ("yiu",), "崔": ("tsui", "choi"), "任": ("yam",), "贾": ("chia",),
    "段": ("tuen",), "雷": ("lui",), "白": ("pak",), "傅": ("foo",), "倪": ("ngai",),
    "孟": ("mang",), "秦": ("chun",), "熊": ("hung",), "尹": ("wan",), "顾": ("koo",),
}
_ROMANISATIONS = frozenset(w for spellings in _SURNAMES.values() for w in spellings)
#: English titles that stand before a name as a given name would ("Chief Executive Chan").
_EN_TITLES = frozenset((
    "chief executive director secretary minister mayor president chairman chairperson "
    "commissioner ambassador consul general deputy vice governor professor dr mr mrs ms "
    "madam sir premier councillor judge justice officer head manager representative dean "
    "principal honourable hon controller"
).split())
#: Titles a person's name stands beside in bulletins (simplified).
_TITLES = sorted((
    "市长 副市长 主任 副主任 大使 总领事 领事 秘书长 会长 副会长 总监 书记 副书记 部长 副部长 "
    "州长 副州长 理事长 副理事长 局长 副局长 主席 副主席 总理 副总理 省长 副省长 院长 副院长 "
    "校长 副校长 董事长 总经理 代表 教授 博士 先生 女士 司长 处长 厅长 参赞 总裁 行长 团长 "
    "国务卿 议员 议长 区长 县长 主管 经理"
).split(), key=len, reverse=True)
_TITLE_BEFORE = compiled(f"(?:{'|'.join(_TITLES)})(?=[{HAN}])")
_TITLE_AFTER = compiled(f"[{HAN}]{{2,3}}(?={'|'.join(_TITLES)})")
#: Words that follow a name in bulletins; they tell 李謙主持 (2) from 唐良智會見 (3).
_AFTER_NAME = compiled("[会见拜主出参陪表共等和及与为在率带致说指介签就对向一]")
#: Spellings older than pinyin for places, with the shortest Chinese that names
#: them (simplified), or several, spaced: 港澳 is "Hong Kong and Macao"; Taiwan's own
#: texts name it 我國 "our country" (回國 "return to Taiwan").
_CONVENTIONAL = {"hong kong": "港", "macao": "澳", "macau": "澳", "taipei": "台北",
                 "kowloon": "九龙", "canton": "广", "tibet": "藏", "yangtze": "长江",
                 "peking": "北京", "tsinghua": "清华", "taiwan": "台 我国 本国 回国",
                 # Taiwan's places in its own romanisations (Wade-Giles and older)
                 "hualien": "花莲", "taitung": "台东", "kaohsiung": "高雄", "taichung": "台中",
                 "keelung": "基隆", "hsinchu": "新竹", "pingtung": "屏东", "chiayi": "嘉义",
                 "kinmen": "金门", "matsu": "马祖", "penghu": "澎湖", "miaoli": "苗栗"}
#: Capitalised words, not one glued to capitals ("TaiwanICDF" is an acronym's).
_EN_NAME_RUN = compiled(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")
_HAN_PREFIX = compiled(f"[{HAN}]*")
#: From this count up in pyspellchecker's English frequency list a word is English
#: ("he", "long", "ban" read as pinyin too) or a name English knows well
#: ("Canada", "Madeleine"); pinyin names such as Zhubajie or Liangjiang count 0.
_ENGLISH = 100
#: A given name is rarer than this in the English word list: "john" 6,920, "norman" 551;
#: words that open a sentence are commoner ("later" 146,157, "security" 175,207).
_GIVEN_NAME = 10_000


def name_findings(entry: Entry) -> Iterator[Finding]:
    """Chinese names bead by bead; English names against the whole entry's Chinese.

    Translations spell out what the Chinese leaves implicit: "visited
    Chongqing" for ``來渝``, or "of Chongqing Municipal People's Government"
    for ``市政府``; the place is named elsewhere in the entry. An English name
    that holds the surname of a Chinese name already reported ("Chan Heng
    Chee" for 陳漢成) is that name: one finding for the reviewer, not two.
    """
    whole = "".join(_simplified(p.text) for p in entry.zh)
    spelled = _Spelled(whole)
    reported: dict[int, set[str]] = {}  # English paragraph -> surnames reported in its bead
    for zh, en in entry.beads:
        if not zh or not en:
            continue
        english = " ".join(entry.en[j].text for j in en)
        for i in zh:
            for finding in _chinese_names(i, entry.zh[i].text, english):
                for j in en:
                    reported.setdefault(j, set()).update(
                        _SURNAMES[_simplified(finding.subject)[0]])
                yield finding
    for j, p in enumerate(entry.en):
        for finding in _english_names(j, p.text, whole, spelled):
            if not reported.get(j, set()) & set(finding.subject.lower().replace("-", " ").split()):
                yield finding


def _chinese_names(para: int, text: str, english: str) -> Iterator[Finding]:
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", english)}
    joined = _joined_names(english)
    for start, name in _titled_names(_simplified(text)):
        if _spelled(name, joined):
            continue
        surname = name[0]
        seen = [w for w in _SURNAMES[surname] if w in words]
        if not seen or _western_given(seen, english):
            continue  # most likely a foreign name written in characters, or a Western one
        spelled = " ".join(sorted(plain_readings(surname)))
        said = text[start:start + len(name)]
        yield Finding("name", "review", "zh", para, (start, start + len(name)), said,
                      f"{said} is not in the English as pinyin; {seen[0].capitalize()!r} "
                      f"may be it in another romanisation ({said[0]}: {spelled})")


def _western_given(surnames: list[str], english: str) -> bool:
    """Whether one of ``surnames`` follows a given name that is not romanised Chinese:
    "Norman Chan", "Nicolas Kwan"; not "Lee Wong" (Lee is also 李) nor "Chan Heng Chee",
    nor a common English word that opens a sentence ("Later Wong said")."""
    for run in _EN_NAME_RUN.finditer(english):
        words = run.group().lower().replace("-", " ").split()
        for before, word in itertools.pairwise(words):
            if word in surnames and not (_romanised(before) or before in _ROMANISATIONS
                                         or before in _EN_TITLES
                                         or english_count(before) >= _GIVEN_NAME):
                return True
    return False


def _titled_names(text: str) -> Iterator[tuple[int, str]]:
    """Surname-led names of 2-3 characters just after or just before a title."""
    found: dict[int, str] = {}
    for m in _TITLE_BEFORE.finditer(text):
        start = m.end()
        if text[start] in _SURNAMES:
            rest = text[start:start + 4]
            size = 2 if len(rest) > 2 and _AFTER_NAME.match(rest[2]) else 3
            found.setdefault(start, _han_prefix(text[start:start + size]))
    for m in _TITLE_AFTER.finditer(text):
        name = m.group()
        if name[0] in _SURNAMES and m.start() not in found:
            found[m.start()] = name
    for start, name in sorted(found.items()):
        if len(name) >= 2:
            yield start, name


def _han_prefix(s: str) -> str:
    return _HAN_PREFIX.match(s).group()  # type: ignore[union-attr]


def _spelled(name: str, joined: set[str]) -> bool:
    """Whether the English has the name in pinyin, surname first or last."""
    surnames, given = plain_readings(name[0]), [plain_readings(c) for c in name[1:]]
    givens = {""}
    for options in given:
        givens = {g + o for g in givens for o in options}
    return any(s + g in joined or g + s in joined for s in surnames for g in givens)


def _joined_names(english: str) -> set[str]:
    """Capitalised runs of one to three words, joined and lower-cased: liqian, tangliangzhi."""
    out: set[str] = set()
    for run in _EN_NAME_RUN.finditer(english):
        words = run.group().lower().replace("-", " ").split()
        for size in (1, 2, 3):
            out |= {"".join(words[i:i + size]) for i in range(len(words) - size + 1)}
    return out


def _english_names(para: int, text: str, chinese: str, spelled: _Spelled) -> Iterator[Finding]:
    for run in _EN_NAME_RUN.finditer(text):
        name, missing = run.group(), []
        rest = f" {name.lower().replace('-', ' ')} "
        for spelling, places in _CONVENTIONAL.items():
            if f" {spelling} " in rest:
                rest = rest.replace(f" {spelling} ", " ")
                if not any(p in chinese for p in places.split()):
                    missing.append(spelling.title())
        missing += [w.capitalize() for w in rest.split()
                    if _reads_as_pinyin(w) and not spelled.has(w)]
        if missing:
            yield _missing_in_chinese(para, run.span(), name, missing)


def _missing_in_chinese(para: int, span: tuple[int, int], name: str, missing: list[str]
                        ) -> Finding:
    which = ", ".join(missing)
    return Finding("name", "review", "en", para, span, name,
                   f"{name}: {which} reads as pinyin but is not in the Chinese")


class _Spelled:
    """Where each toneless reading starts in a text, to find a pinyin word in it quickly.

    Scanning the text from every position for every word was most of the
    checks' time; a word can only start where one of its prefixes is a reading.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: dict[str, list[int]] = {}
        for i, ch in enumerate(text):
            for r in plain_readings(ch):
                self.starts.setdefault(r, []).append(i)

    def has(self, word: str) -> bool:
        """Whether a run of characters reads ``word`` (any reading of each)."""
        starts = {i for n in range(1, min(len(word), 6) + 1) for i in self.starts.get(word[:n], ())}
        for i in sorted(starts):
            partial = {""}
            for ch in self.text[i:i + 6]:
                partial = {p + r for p in partial for r in plain_readings(ch)
                           if word.startswith(p + r)}
                if not partial:
                    break
                if word in partial:
                    return True
        return False


@cache
def _reads_as_pinyin(word: str) -> bool:
    """A capitalised word made of pinyin syllables (of two letters or more), not English
    and not Japanese."""
    lower = word.lower()
    if not lower.isascii() or english_count(lower) >= _ENGLISH or _JAPANESE.fullmatch(lower):
        return False
    return _romanised(lower)


#: A Japanese name in Hepburn: three open morae or more (Takahashi, Hanawa, Mifune,
#: Yoshikazu), which pinyin spells too but a Chinese name or place seldom is: a vowel
#: alone only first (so Hebei, he-be-i, stays pinyin) and no final n (Hainan). In Time
#: articles with their Chinese (bench/checks_eval.py, mag), 11 of 16 name findings.
_MORA = ("(?:[kgbpmnr][aiueo]|s[aueo]|sh[aiuo]|z[aueo]|j[aiuo]|t[aeo]|ch[aiuo]|tsu|d[aeo]"
         "|h[aieo]|fu|y[auo]|w[ao]|[kgnhbpmr]y[auo])")
_JAPANESE = compiled(f"[aiueo]?{_MORA}{{3,}}|[aiueo]{_MORA}{{2}}")


@cache
def _romanised(lower: str) -> bool:
    """Made of pinyin syllables of two letters or more: "zhubajie", "lee" (le-e), not "norman"."""
    syllables = _syllables()
    ends = {0}
    for i in range(1, len(lower) + 1):
        if any(j in ends and lower[j:i] in syllables for j in range(max(0, i - 6), i - 1)):
            ends.add(i)
    return len(lower) in ends


@cache
def _syllables() -> frozenset[str]:
    """The toneless syllables of the 3,755 common characters (GB 2312 level 1) with a
    vowel (not ``ng``, ``hm``): 404 of pypinyin's 418; without the rare ones
    ("den", "wong", "len") "Biden" is not pinyin, and without the vowel rule
    "Wong" reads as wo-ng.

    Reading the 3,755 characters took 0.09 s of every ``bitext import``; kept in the
    user's cache it loads in well under a millisecond (bump the format number when
    ``syllable`` or this set changes)."""
    return cached_table("syllables", "pypinyin", 1, _common_syllables)


def _common_syllables() -> frozenset[str]:
    return frozenset(s for ch in _common_characters() for r in readings(ch) if (s := syllable(r)))


def _common_characters() -> Iterator[str]:
    """GB 2312 level 1: rows 16-55 (lead bytes 0xB0-0xD7), 94 cells each."""
    for lead in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                yield bytes((lead, cell)).decode("gb2312")
            except UnicodeDecodeError:
                continue


@cache
def _simplified_char(c: str) -> str:
    s = converter("t2s").convert(c)
    return s if len(s) == 1 else c


def _simplified(text: str) -> str:
    """Character by character, so offsets into the traditional text stay true."""
    return "".join(map(_simplified_char, text))
