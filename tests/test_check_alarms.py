"""False alarms of the checks on professional translations (issue 14), and the exit status.

Each pattern comes twice: a pair a professional translator writes, which
must make no finding, and the real difference of the same kind, which must
still be found. All pairs are events of one bulletin, imported once and
checked through ``bitext check --json`` as a user would.
"""

from __future__ import annotations

import json
from contextlib import redirect_stdout
from datetime import date, timedelta
from io import BytesIO, TextIOWrapper
from pathlib import Path
from typing import Any

import pytest
from test_checks import check_json, flat, import_lines

from tui.cli import main

Found = set[tuple[str, str, str]]  # (check, lang, subject)

#: name -> (Chinese, English, findings expected beyond none).
CASES: dict[str, tuple[str, str, Found]] = {
    "code-apt41": ("APT41組織發動攻擊。", "The group Apt41 launched attacks.", set()),
    "code-g7": ("七國集團（G7）峰會召開。", "The G7 summit opened.", set()),
    "code-ace2": ("病毒與ACE2受體結合。", "The virus binds the ACE2 receptor.", set()),
    "code-covid": ("新冠肺炎疫情持續。", "The COVID-19 pandemic goes on.", set()),
    "code-tag": ("<s1>您好", "<s1>Hello", set()),
    "code-placeholder": ("共{0}項", "{0,choice,1#one item|1<{0} items}", set()),
    "code-g7-g8": ("G7峰會召開。", "The G8 summit opened.",
                   {("number", "zh", "G7"), ("number", "en", "G8")}),
    "trillion": ("投資3萬億元。", "An investment of 3 trillion yuan.", set()),
    "trillion-simplified": ("投资三万亿元。", "An investment of 3 trillion yuan.", set()),
    "myriads": ("勇士有八十萬。", "There were 800,000 valiant men.", set()),
    "trillion-differs": ("投資3萬億元。", "An investment of 4 trillion yuan.",
                         {("number", "zh", "3000000000000"), ("number", "en", "4000000000000")}),
    "tenths": ("八成市民支持。", "80% of citizens agree.", set()),
    "tenths-differ": ("八成市民支持。", "70% of citizens agree.", {("number", "en", "70")}),
    "percent-all": ("百分百支持。", "100% support.", set()),
    "percent": ("百分之八十的企業", "80 per cent of the firms", set()),
    "percent-differs": ("百分之八十的企業", "90 per cent of the firms",
                        {("number", "zh", "80"), ("number", "en", "90")}),
    "thousands": ("數千人參加。", "Thousands of people took part.", set()),
    "hundreds": ("數百名志願者", "hundreds of volunteers", set()),
    "century": ("百年大計", "a plan for the century", set()),
    "approximate-exact": ("數千人參加。", "2,000 people took part.", {("number", "en", "2000")}),
    "exact-differs": ("三千人參加。", "2,000 people took part.",
                      {("number", "zh", "3000"), ("number", "en", "2000")}),
    "number-words": ("500米長的大橋", "the Five-hundred-metre bridge", set()),
    "number-words-differ": ("五百名志願者", "four hundred volunteers", {("number", "zh", "500")}),
    "decade": ("20世紀30年代的建築", "buildings of the 1930s", set()),
    "decade-differs": ("20世紀30年代的建築", "buildings of the 1940s",
                       {("number", "zh", "1930"), ("number", "en", "1940")}),
    "time": ("15時37分發生地震。", "The earthquake struck at 3:37 pm.", set()),
    "time-differs": ("15時37分發生地震。", "The earthquake struck at 3:47 pm.",
                     {("number", "zh", "3:37"), ("number", "en", "3:47")}),
    "typhoon-no": ("第2號颱風登陸。", "Typhoon No. 2 made landfall.", set()),
    "signal-no": ("目前7號風球生效。", "Signal No. 7 is in force.", set()),
    "signal-differs": ("目前8號風球生效。", "Signal No. 7 is in force.",
                       {("date", "zh", "day 8"), ("number", "en", "7")}),
    "may": ("我們或可合作。", "May we cooperate.", set()),
    "month-differs": ("5月舉行。", "It is held in June.", {("date", "zh", "--05")}),
    "march-time": ("上午8時開幕。", "Opening: March 8:00 a.m.", set()),
    "march-time-differs": ("上午9時開幕。", "Opening: March 8:00 a.m.",
                           {("number", "zh", "9:00"), ("number", "en", "8:00")}),
    "long-march": ("長征五號B火箭發射。", "The Long March 5B rocket was launched.", set()),
    "day-first": ("雙方於7月24日簽約。", "The deal was signed on 24 July.", set()),
    "day-first-differs": ("雙方於7月24日簽約。", "The deal was signed on 25 July.",
                          {("date", "zh", "--07-24"), ("date", "en", "--07-25")}),
    "china": ("我國代表團抵達。", "The Chinese delegation arrived in China.", set()),
    "biden": ("拜登會見官員。", "Biden met officials.", set()),
    "item-label": ("申請書應載明下列事項：\n一、申請人之姓名。",
                   "the application states the following:\n1. Name of the applicant.", set()),
    "item-label-text-differs": ("申請人應遵守下列規定：\n一、十日內繳納。",
                                "the applicant shall:\n1. Pay within 12 days.",
                                {("number", "zh", "10"), ("number", "en", "12")}),
    "year-gloss": ("改革開放以來，工人階級隊伍不斷壯大。",
                   "Since reform and opening up began in 1978, the working class has grown.",
                   set()),
    "dynasty-gloss": ("漢代王符說，大鵬之動，非一羽之輕也。",
                      "Wang Fu of the Eastern Han Dynasty (25-220) said the roc soars.", set()),
    "decade-gloss": ("上世紀，這裏建起了工廠。", "In the 1950s factories were built here.", set()),
    "year-gloss-beside-a-changed-number": (
        "改革開放以來，工人增加了百分之三十。",
        "Since 1978 the number of workers has grown by 40%.",
        {("number", "zh", "30"), ("number", "en", "40"), ("number", "en", "1978")}),
    "year-changed": ("2013年，本法修正。", "The Act was amended in 2012.",
                     {("number", "zh", "2013"), ("number", "en", "2012")}),
    "year-changed-beside-a-month": ("1994年10月，三名學生失蹤。",
                                    "In October of 1904, three students disappeared.",
                                    {("number", "en", "1904")}),
    "roc-year": ("本法自中華民國八十八年施行。", "This Act took effect in 1999.", set()),
    "roc-year-differs": ("本法自中華民國八十八年施行。", "This Act took effect in 1998.",
                         {("number", "zh", "1999"), ("number", "en", "1998")}),
    "roc-date-without-the-era": ("依八十六年十二月三十一日廢止之規則進用。",
                                 "Employed under the rules abolished on December 31, 1997.",
                                 set()),
    "roc-date-without-the-era-differs": (
        "依八十六年十二月三十一日廢止之規則進用。",
        "Employed under the rules abolished on December 31, 1998.",
        {("number", "zh", "1997")}),
    "regnal-year-before-a-month": ("第十一年三月，王登基。",
                                   "In March of the eleventh year the king was crowned.", set()),
    "roc-year-before-a-month": ("十一年三月，王登基。", "In March 1922 the king was crowned.",
                                set()),
    "months-as-a-length": ("減為六月以下有期徒刑。", "commuted to six months or less.", set()),
    "months-as-a-length-differs": ("減為六月以下有期徒刑。", "commuted to 8 months or less.",
                                   {("number", "en", "8")}),
    "years-and-months-as-a-length": ("處有期徒刑十年六月以上。",
                                     "Imprisonment of 10 years and six months or more.", set()),
    "the-month-before": ("申請日上一月底之資產負債表。",
                         "The balance sheet at the end of the month before the application.",
                         set()),
    "month-end-differs": ("申請日一月底之資產負債表。",
                          "The balance sheet at the end of February.", {("date", "zh", "--01")}),
    "reference-said-as-preceding": ("前項第一款至第十一款之觀測時間，得酌予增加。",
                                    "The preceding times of observation may be increased.",
                                    set()),
    "reference-resolved": ("前條第四項之核轉，應通知主管機關。",
                           "The transfer referred to in Article 10, Paragraph 4 shall be "
                           "notified to the competent authority.", set()),
    "reference-changed": ("依第五條第三項規定辦理。", "As provided in Article 6, Paragraph 3.",
                          {("number", "zh", "5"), ("number", "en", "6")}),
    "reference-beside-a-changed-number": (
        "依前項規定，於三十天內申報。",
        "Under paragraph 2, the report is made within 20 days.",
        {("number", "zh", "30"), ("number", "en", "20")}),
    "decimal-in-numerals": ("字體不得小於○．四公分。", "Characters may not be less than 0.4 cm.",
                            set()),
    "decimal-in-numerals-differs": ("字體不得小於○．四公分。",
                                    "Characters may not be less than 0.5 cm.",
                                    {("number", "zh", "0.4"), ("number", "en", "0.5")}),
    "currency-code": ("面額新臺幣十元", "a par value of NTD10", set()),
    "percent-decimal": ("以百分之二點五計算", "at 2.5 percent", set()),
    "taiwan-as-our-country": ("派駐人員應於三個月內回國。",
                              "Staff shall return to Taiwan within three months.", set()),
    "taiwan-not-in-the-chinese": ("派駐人員應於三個月內報告。",
                                  "Staff in Taiwan shall report within three months.",
                                  {("name", "en", "Taiwan")}),
    "name-glued-to-an-acronym": ("國合會應依規定辦理。", "The TaiwanICDF shall observe the rules.",
                                 set()),
    "pinyin-missing": ("拜登會見官員。", "Biden met Yichang officials.",
                       {("name", "en", "Yichang")}),
    "restated-digit": ("本局置主任秘書。", "The Bureau shall have one (1) Secretary General.",
                       set()),
    "restated-digit-differs": ("期間為三十日。", "The period is thirty (31) days.",
                               {("number", "en", "31")}),
    "lone-numeral": ("年有效劑量不超過一毫西弗。", "An annual dose not exceeding 1 mSv.", set()),
    "lone-numeral-differs": ("年有效劑量不超過一毫西弗。", "An annual dose not exceeding 2 mSv.",
                             {("number", "en", "2")}),
    "numeral-list": ("每日於零、六、十二、十八時各觀測一次。", "It observes at 00, 06, 12, 18 UTC.",
                     set()),
    "standard-code": ("符合性證書（如ISO13485證書）", "certificates (such as ISO 13485)", set()),
    "standard-code-differs": ("符合性證書（如ISO13485證書）", "certificates (such as ISO 9001)",
                              {("number", "zh", "ISO13485"), ("number", "en", "ISO 9001")}),
    "reference": ("依第一項規定辦理。", "as provided in Paragraph 1.", set()),
    "reference-differs": ("依第一項及第二項規定辦理。", "as provided in Paragraphs 2 and 2.",
                          {("number", "zh", "1")}),
    "two-of-a-list": ("其第五、第六兩款規定之事項", "the items of Subparagraphs 5 and 6", set()),
    "duration-in-roc-text": ("於中華民國一百零二年以前申請，得檢具四年內取得之文件。",
                             "Apply before 2013 with documents obtained within four years.",
                             set()),
    "ordinal-word": ("職務列簡任第十三職等。", "at the thirteenth grade.", set()),
    "standard-between-han": ("本公司通過ISO 13485認證。", "The company is certified to ISO 13485.",
                             set()),
    "standard-with-year": ("產品通過ISO9001:2015認證。",
                           "The product is certified to ISO 9001:2015.", set()),
    "sentence-word-before-surname": ("主任黃良華會見了客人，並表示歡迎。",
                                     "Director Lee Wong met the guests. Later Wong said they "
                                     "were welcome.", {("name", "zh", "黃良華")}),
    "two-people-one-surname": ("市長陳漢成會見了代表團。\n副市長出席了晚宴。",
                               "Mayor Chan Heng Chee met the delegation.\n"
                               "Vice Mayor Chen Jining attended the banquet.",
                               {("name", "zh", "陳漢成"),
                                ("name", "en", "Vice Mayor Chen Jining")}),
    "western-given-name": ("金管局總裁陳德霖出席會議。",
                           "Norman Chan, Chief Executive of the HKMA, attended the meeting.",
                           set()),
    "western-given-name-after-title": ("總裁陳德霖出席會議。",
                                       "Chief Executive Chan attended the meeting.",
                                       {("name", "zh", "陳德霖")}),
    "cantonese-given-name": ("代表陳漢成出席會議。",
                             "Chan Heng Chee, the representative, attended the meeting.",
                             {("name", "zh", "陳漢成")}),
}


def _days() -> dict[str, str]:
    """A day for each case, from 1 November 2018 on: the entry ids start with it."""
    first = date(2018, 11, 1)
    return {name: (first + timedelta(days=k)).strftime("%Y%m%d") for k, name in enumerate(CASES)}


def _bulletin(days: dict[str, str]) -> list[str]:
    zh: list[str] = []
    en: list[str] = []
    for name, (z, e, _) in CASES.items():
        day = date(int(days[name][:4]), int(days[name][4:6]), int(days[name][6:]))
        zh.append(f"{day.year}年{day.month}月{day.day}日，{z}")  # a new line: a paragraph
        en.append(f"On {day:%B} {day.day}, {day.year}, {e}")
    return zh + en


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Found]:
    """Findings by case, of one bulletin holding every case, imported and checked once."""
    db = tmp_path_factory.mktemp("alarms") / "archive.json"
    days = _days()
    import_lines(db, _bulletin(days))
    by_day: dict[str, Found] = {}
    for entry in _json(["check", "--db", str(db), "--json"]):
        by_day[entry["id"][:8]] = {(f["check"], f["lang"], f["subject"])
                                   for f in entry["findings"]}
    entries = _json(["list", "--db", str(db), "--json"])
    assert sorted(e["id"][:8] for e in entries) == sorted(days.values())  # one entry per case
    return {name: by_day.get(day, set()) for name, day in days.items()}


def _json(argv: list[str]) -> Any:
    """What ``bitext ARGV`` prints, read as JSON (a module fixture has no capsys)."""
    out = TextIOWrapper(BytesIO(), encoding="utf-8")
    with redirect_stdout(out):
        main(argv)
    out.seek(0)
    return json.loads(out.read())


@pytest.mark.parametrize("name", list(CASES))
def test_each_pattern(report: dict[str, Found], name: str) -> None:
    assert report[name] == CASES[name][2]


ONE_TO_TWO = [
    "2018年11月5日，市長會見了法國駐成都總領事，雙方就經貿合作交換了意見。總領事表示願推動合作。",
    "On November 5, 2018, the Mayor met the Consul General of France and they exchanged views on "
    "economic and trade cooperation.",
    "The Consul General said he would promote cooperation.",
]


def test_a_correct_one_to_two_bead_makes_no_finding_and_exits_0(
        db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import_lines(db_path, ONE_TO_TWO)
    shown = json.loads(_show(db_path, capsys))
    assert shown["beads"] == [[[0], [0, 1]]]
    assert flat(check_json(db_path, capsys)) == []
    assert main(["check", "--db", str(db_path)]) == 0


def _show(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    main(["list", "--db", str(db), "--json"])
    entry_id = json.loads(capsys.readouterr().out)[0]["id"]
    main(["show", entry_id, "--db", str(db), "--json"])
    return capsys.readouterr().out


def test_warnings_and_review_items_are_listed_but_exit_0(
        db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import_lines(db_path, ["2018年11月5日，拜登會見官員。",
                           "On November 5, 2018, Biden met Yichang officials 丨."])
    found = {x[1:3] for x in flat(check_json(db_path, capsys))}
    assert found == {("name", "review"), ("untranslated", "warning")}
    assert main(["check", "--db", str(db_path)]) == 0
    assert "review" in capsys.readouterr().out  # listed all the same


def test_an_unreviewed_error_exits_1(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import_lines(db_path, ["2018年11月5日，一行46人訪問重慶。",
                           "On November 5, 2018, a delegation of 45 visited Chongqing."])
    assert {x[1:3] for x in flat(check_json(db_path, capsys))} == {("number", "error")}
    assert main(["check", "--db", str(db_path)]) == 1


def test_the_help_says_what_the_exit_status_means(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "exit 1 only while errors are not reviewed" in " ".join(capsys.readouterr().out.split())

