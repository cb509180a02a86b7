"""Finding Chinese text by its toneless pinyin: ``chongqing`` finds 重慶, ``li qian`` 李謙.

The readings are pypinyin's dictionary, every reading of every character (a
query cannot know which reading of 重 the writer meant, so ``chongqing`` and
``zhongqing`` both find 重庆). Folding merges characters (乾 and 干 both fold to
干), so a folded character has the readings of all the characters folding to it.

A word of letters is read as pinyin when it splits into syllables; it may split
more than one way (``xian`` is xian or xi'an), and each split is tried.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from store.search.fold import fold_chars

#: More splits than this means the word is not meant as pinyin.
_MAX_SPLITS = 8
#: Every toneless syllable ``readings`` knows (its keys; a test holds them equal). Whether a
#: word of a query spells pinyin needs only these: ``readings`` loads pypinyin's dictionary,
#: 0.35-0.75 s, which ``bitext search Cincinnati`` then paid for nothing.
SYLLABLES = frozenset("""
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong
    bu ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong
    chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai
    dan dang dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui dun
    duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei
    gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng
    hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong
    jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang
    kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu
    lo long lou lu luan lue lun luo lv lve ma mai man mang mao me mei men meng mi mian miao
    mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nia nian niang niao
    nie nin ning niu nong nou nu nuan nue nun nuo nv nve o ou pa pai pan pang pao pei pen
    peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu
    qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san
    sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua
    shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te
    tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng
    wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao
    ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai
    zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun
    zhuo zi zong zou zu zuan zui zun zuo
""".split())

#: Letters in the longest syllable (``zhuang``): found once, not at each word of each query
#: (20 µs, a third of the time of a query for a word found nowhere).
_LONGEST = max(map(len, SYLLABLES))


@cache
def readings() -> dict[str, frozenset[str]]:
    """Toneless syllable -> every folded character with that reading."""
    from pypinyin.pinyin_dict import pinyin_dict  # noqa: PLC0415  (0.1 s: at first use)

    from store.lang.pinyin import syllable  # noqa: PLC0415  (its table's cache: 17 ms more)

    chars: dict[str, set[str]] = defaultdict(set)
    folded_chars = fold_chars([chr(code) for code in pinyin_dict])
    for folded, spelled in zip(folded_chars, pinyin_dict.values(), strict=True):
        for plain in filter(None, map(syllable, spelled.split(","))):
            chars[plain].add(folded)
            if "v" in plain:  # people type lv and lu for lü
                chars[plain.replace("v", "u")].add(folded)
    return {s: frozenset(c) for s, c in chars.items()}


def splits(word: str) -> list[tuple[str, ...]]:
    """Every way ``word`` (folded letters) splits into syllables, fewest syllables first.

    Worked from the word's end to its start, so a long word needs no deeper call
    stack: the recursive version was a RecursionError at 600 letters (``a`` is a
    syllable, so ``aaa…`` recursed once per letter), and it kept every position's
    splits whole, memory growing with the square of the length. Here a position
    keeps links (where its first syllable ends, which split follows), at most one
    more than ``_MAX_SPLITS``, so time and memory grow with the length: 100,000
    letters take 0.3 s.
    """
    if not (word.isascii() and word.isalpha()):
        return []
    syllables, longest = SYLLABLES, _LONGEST
    end = len(word)
    # links[i][k] = (j, m): split k from i is word[i:j], then split m from j
    links: list[list[tuple[int, int]]] = [[] for _ in range(end)] + [[(end, 0)]]
    for i in range(end - 1, -1, -1):
        out = links[i]
        for j in range(i + 1, min(end, i + longest) + 1):
            if word[i:j] in syllables:
                out.extend((j, m) for m in range(len(links[j])))
                if len(out) > _MAX_SPLITS:
                    del out[_MAX_SPLITS + 1:]
                    break
    if len(links[0]) > _MAX_SPLITS:
        return []
    return sorted((_unfold(word, links, k) for k in range(len(links[0]))), key=len)


def _unfold(word: str, links: list[list[tuple[int, int]]], k: int) -> tuple[str, ...]:
    """Split ``k`` of the whole word, following the links."""
    parts, i = [], 0
    while i < len(word):
        j, k = links[i][k]
        parts.append(word[i:j])
        i = j
    return tuple(parts)
