"""Sentence and clause spans of Chinese and English paragraphs, on the cases that trip splitters."""

from __future__ import annotations

import pytest

from store.lang.sentences import clause_spans, phrase_spans, sentence_spans


def sentences(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, lang)]


@pytest.mark.parametrize(("text", "want"), [
    ("市长会见了客人。双方交换了意见！会谈成功吗？",
     ["市长会见了客人。", "双方交换了意见！", "会谈成功吗？"]),
    ("他说：“合作很重要。”随后离开。", ["他说：“合作很重要。”", "随后离开。"]),
    ("（本报讯。）记者报道", ["（本报讯。）", "记者报道"]),
    ("第一，加强合作；第二，扩大交流。", ["第一，加强合作；", "第二，扩大交流。"]),
    ("人们等待着……终于来了。", ["人们等待着……", "终于来了。"]),
    ("没有句号的一句", ["没有句号的一句"]),
    ("增长3.5%。同比上升。", ["增长3.5%。", "同比上升。"]),
    ("他说 ： “ 要研究 。 ”随后离开。", ["他说 ： “ 要研究 。 ”", "随后离开。"]),
])
def test_chinese(text: str, want: list[str]) -> None:
    assert sentences(text, "zh") == want


@pytest.mark.parametrize(("text", "want"), [
    ("Mr. Li met Dr. Smith. They talked.", ["Mr. Li met Dr. Smith.", "They talked."]),
    ("J. K. Rowling spoke. Fans came.", ["J. K. Rowling spoke.", "Fans came."]),
    ("Growth was 3.5 per cent. It rose.", ["Growth was 3.5 per cent.", "It rose."]),
    ("Signal No. 5 is up. Stay in.", ["Signal No. 5 is up.", "Stay in."]),
    ("He visited the U.S. and Canada. Then he left.",
     ["He visited the U.S. and Canada.", "Then he left."]),
    ("It opened on Sept. 14 in Chengdu.", ["It opened on Sept. 14 in Chengdu."]),
    ("We waited... and waited. Then it came.", ["We waited... and waited.", "Then it came."]),
    ("We waited… Then it came.", ["We waited…", "Then it came."]),
    ('He said, "We agree." Talks went on.', ['He said, "We agree."', "Talks went on."]),
    ("(See Art. 5.) The rule applies.", ["(See Art. 5.)", "The rule applies."]),
    ("1. Using official duties. 2. Taking gifts.",
     ["1. Using official duties.", "2. Taking gifts."]),
    ("Was it agreed? Yes! It was.", ["Was it agreed?", "Yes!", "It was."]),
    ("It closed in 2018. 2019 was calm.", ["It closed in 2018.", "2019 was calm."]),
    ("prices rose. in lower case it goes on", ["prices rose. in lower case it goes on"]),
])
def test_english(text: str, want: list[str]) -> None:
    assert sentences(text, "en") == want


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_spans_cover_every_character_but_spaces(lang: str) -> None:
    text = "  Mr. A came.   He left!  Then… 他来了。她走了；  "
    spans = sentence_spans(text, lang)
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)
    assert sentence_spans("   ", lang) == []


def test_clauses_cut_at_colons_and_semicolons_not_inside_times() -> None:
    text = "Rob not the poor: neither oppress the afflicted; at 3:37 pm all left."
    assert [text[a:b] for a, b in clause_spans(text, "en")] == [
        "Rob not the poor:", "neither oppress the afflicted;", "at 3:37 pm all left."]
    zh = "本法所稱主管機關：在中央為財政部；在直轄市為直轄市政府。"
    assert [zh[a:b] for a, b in clause_spans(zh, "zh")] == [
        "本法所稱主管機關：", "在中央為財政部；", "在直轄市為直轄市政府。"]


def test_phrases_cut_at_commas_too_but_not_inside_numbers() -> None:
    zh = "申請文件不全者，應於1,000日內補正；屆期未補正者，駁回其申請。"
    assert [zh[a:b] for a, b in phrase_spans(zh, "zh")] == [
        "申請文件不全者，", "應於1,000日內補正；", "屆期未補正者，", "駁回其申請。"]
    en = "If it fails, 1,000 fees (in total), are due: then it ends."
    assert [en[a:b] for a, b in phrase_spans(en, "en")] == [
        "If it fails,", "1,000 fees (in total),", "are due:", "then it ends."]
