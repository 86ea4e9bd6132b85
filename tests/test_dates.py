"""The time-expression tagger: sentences written for these tests, resolved against fixed dates."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import UsageError
from sitrep.nlp.dates import find_timexes, resolve_interval, timex_bounds

REF = "2024-12-23"  # a Monday


def tags(text: str, ref: str | None = REF) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, ref)]


def value(text: str, ref: str | None = REF) -> str | None:
    found = find_timexes(text, ref)
    assert len(found) == 1, found
    return found[0].value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said last month that the offensive had stalled.", ("last month", "2024-11")),
        ("Shelling intensified this week near the river.", ("this week", "2024-W52")),
        ("The brigade was moved earlier this month.", ("earlier this month", "2024-12")),
        ("The strike was reported last year by the monitors.", ("last year", "2023")),
        ("Fighting resumed late last year.", ("late last year", "2023")),
        ("Negotiators will meet next week in Geneva.", ("next week", "2025-W01")),
        ("The convoy arrived two days ago.", ("two days ago", "2024-12-21")),
        ("The bridge was hit yesterday.", ("yesterday", "2024-12-22")),
        ("Officials are meeting today.", ("today", "2024-12-23")),
        ("The council votes tonight.", ("tonight", "2024-12-23")),
        ("Casualties fell last week, the agency said.", ("last week", "2024-W51")),
        ("The pilots were trained in the fall.", ("the fall", "2024-FA")),
        ("Troops arrived this summer.", ("this summer", "2024-SU")),
        ("The ports froze last winter.", ("last winter", "2023-WI")),
        ("Sales rose in the third quarter.", ("the third quarter", "2024-Q3")),
        ("The depot was rebuilt for a decade.", ("a decade", "P10Y")),
        ("They advanced in early December.", ("early December", "2024-12")),
        ("The front held until mid-November.", ("mid-November", "2024-11")),
        ("Losses mounted over the past two months.", ("the past two months", "P2M")),
        ("The ceasefire held for two weeks.", ("two weeks", "P2W")),
        ("The barrage lasted three hours.", ("three hours", "PT3H")),
        ("Drones flew daily over the city.", ("daily", "P1D")),
        ("Officials have now confirmed it.", ("now", "PRESENT_REF")),
        ("The town was recently retaken.", ("recently", "PAST_REF")),
    ],
)
def test_relative_expressions(text: str, expected: tuple[str, str]) -> None:
    found = find_timexes(text, REF)
    assert [(t.text, t.value) for t in found] == [expected]
    assert text[found[0].start : found[0].end] == expected[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The report was published on Dec. 23.", "2024-12-23"),
        ("The report was published on December 23.", "2024-12-23"),
        ("The report was published on 23 December 2024.", "2024-12-23"),
        ("The report was published on 2024-12-23.", "2024-12-23"),
        ("The report was published on 12/23/2024.", "2024-12-23"),
        ("The report was published on Monday, December 23.", "2024-12-23"),
        ("The report was published on December 23, 2019.", "2019-12-23"),
        ("The report was published in March 2021.", "2021-03"),
        ("The treaty dates from 1953.", "1953"),
        ("The report covers the 1990s.", "199"),
        ("The report covers Q3 2023.", "2023-Q3"),
        ("The accord was signed on Christmas Day 2016.", "2016-12-25"),
        ("The accord was signed on the second of August 2016.", "2016-08-02"),
        ("The accord was signed on 22/04/2016.", "2016-04-22"),
        ("The accord was signed on 2016/04/22.", "2016-04-22"),
        ("The accord was signed on 22-Apr-2016.", "2016-04-22"),
        ("The accord was signed in the week of March 6, 2000.", "2000-W10"),
    ],
)
def test_explicit_formats(text: str, expected: str) -> None:
    assert value(text) == expected


def test_weekday_tense() -> None:
    ref = "2024-12-18"  # a Wednesday
    assert value("The army said on Monday that it had withdrawn.", ref) == "2024-12-16"
    assert value("The army will withdraw on Monday.", ref) == "2024-12-23"
    assert value("The talks are scheduled for Friday.", ref) == "2024-12-20"
    assert value("He said the talks resumed on Friday.", ref) == "2024-12-13"
    # the same weekday as the reference is the reference day itself
    assert value("Officials spoke on Wednesday.", ref) == "2024-12-18"
    assert value("It happened last Wednesday.", ref) == "2024-12-11"
    assert value("It happens next Wednesday.", ref) == "2024-12-25"


def test_month_tense() -> None:
    assert value("Elections were held in March.") == "2024-03"
    assert value("Elections will be held in March.") == "2025-03"
    assert value("The unit arrived in December.") == "2024-12"


def test_seasons_and_quarters_across_years() -> None:
    jan = "2025-01-15"
    assert value("Snow fell this winter.", jan) == "2024-WI"
    assert value("The offensive stalled last summer.", jan) == "2024-SU"
    assert value("The offensive will resume in the spring.", jan) == "2025-SP"
    assert value("Output fell in the fourth quarter.", jan) == "2024-Q4"
    assert value("Output will rise in the second quarter.", jan) == "2025-Q2"
    assert value("Output fell in the first half of 2024.", jan) == "2024-H1"


def test_anaphoric_expressions_follow_the_last_stated_date() -> None:
    text = "On March 3, 2022, the town fell. Two days later, the army withdrew."
    assert tags(text)[1] == ("Two days later", "DATE", "2022-03-05")
    text = "The accord was signed in 2019. The following year, fighting resumed."
    assert tags(text)[1] == ("The following year", "DATE", "2020")
    text = "On March 3, 2024, the army attacked; the previous day it had shelled the town."
    assert tags(text)[1] == ("the previous day", "DATE", "2024-03-02")
    # a past cue picks last year's date even when this year's is nearer
    assert value("Casualties rose since the war began on Oct. 7.", "2024-08-15") == "2023-10-07"
    assert (
        value("The ministry must decide by Jan. 14, the court said.", "2024-01-05") == "2024-01-14"
    )
    # without an earlier date they resolve against the reference
    assert tags("A year earlier, the port was open.") == [("A year earlier", "DATE", "2023")]


def test_second_day_of_a_pair() -> None:
    found = tags("Talks were held on Dec. 18 and 19, officials said.")
    assert found == [("Dec. 18", "DATE", "2024-12-18"), ("19", "DATE", "2024-12-19")]
    assert resolve_interval("on Dec. 18-19", REF) == "2024-12-18/2024-12-19"
    assert tags("On Dec. 18 and 200 people fled.") == [("Dec. 18", "DATE", "2024-12-18")]


def test_coordinated_months_share_the_stated_year() -> None:
    found = tags("Strikes rose in January and February 2024.", "2025-03-23")
    assert found == [("January", "DATE", "2024-01"), ("February 2024", "DATE", "2024-02")]
    assert tags("It lasted from December to March 2023.", "2025-03-23")[0][2] == "2022-12"


def test_rates_ages_and_words() -> None:
    assert tags("The plant makes 300 shells a day.") == []
    assert tags("A 35-year-old medic and a 52 years old driver were hurt.") == []
    assert tags("He counted nineteen ninety-four votes.") == []
    assert value("It was built in nineteen ninety-four.") == "1994"
    assert tags("The strike came at 0300 GMT.") == [("0300 GMT", "TIME", "2024-12-23T03:00")]
    assert tags("Sirens sounded at 5:30 p.m. yesterday.") == [
        ("5:30 p.m. yesterday", "TIME", "2024-12-22T17:30")
    ]


def test_clock_times_take_the_day_before_them() -> None:
    found = tags("The strike hit on Dec. 3 at 10:30 p.m., officials said.")
    assert found == [("Dec. 3", "DATE", "2024-12-03"), ("10:30 p.m.", "TIME", "2024-12-03T22:30")]
    assert value("The deadline expired at 5 p.m. EST Nov. 9.") == "2024-11-09T17:00"


def test_holidays_follow_their_rules() -> None:
    assert value("Shelling continued on Thanksgiving.") == "2024-11-28"
    assert value("Talks resume after Easter 2025.") == "2025-04-20"
    assert value("A truce was agreed for Orthodox Easter 2023.") == "2023-04-16"
    assert value("Sales fell on Black Friday 2024.") == "2024-11-29"
    assert value("The convoy will arrive by Christmas.") == "2024-12-25"
    assert value("The city fell on Christmas Eve.", "2025-01-10") == "2024-12-24"


def test_offsets_from_deictic_days() -> None:
    assert tags("They return two days after today.") == [
        ("two days after today", "DATE", "2024-12-25")
    ]
    assert value("What happened the day before?") == "2024-12-22"
    assert tags("Two days after the attack, aid arrived.") == [("Two days", "DURATION", "P2D")]
    assert value("The strike lasted 3 hrs.") == "PT3H"


def test_since_and_intervals() -> None:
    assert resolve_interval("since October", REF) == "2024-10/2024-12-23"
    assert resolve_interval("in January and February", "2025-03-10") == "2025-01/2025-02"
    assert resolve_interval("from March to May", REF) == "2024-03/2024-05"
    assert resolve_interval("the past two months", REF) == "2024-10-23/2024-12-23"
    assert resolve_interval("last week", REF) == "2024-W51"
    assert resolve_interval("over the past year", REF) == "2023-12-23/2024-12-23"
    assert resolve_interval("last year", REF) == "2023"
    assert resolve_interval("for a while", REF) is None
    assert resolve_interval("between October and December 2022", "2025-03-01") == "2022-10/2022-12"
    assert resolve_interval("from early October until mid-December", REF) == "2024-10/2024-12"
    assert resolve_interval("The truce will hold until January", REF) == "2024-12-23/2025-01"
    assert resolve_interval("The road stayed shut until March", REF) == "2024-03"
    assert find_timexes("Since October the toll has doubled.", REF)[0].text == "October"


def test_timex_bounds() -> None:
    d = date
    assert timex_bounds("2024-12-18") == (d(2024, 12, 18), d(2024, 12, 18))
    assert timex_bounds("2024-W51") == (d(2024, 12, 16), d(2024, 12, 22))
    assert timex_bounds("2024-12") == (d(2024, 12, 1), d(2024, 12, 31))
    assert timex_bounds("2024-02") == (d(2024, 2, 1), d(2024, 2, 29))
    assert timex_bounds("2024-FA") == (d(2024, 9, 1), d(2024, 11, 30))
    assert timex_bounds("2024-WI") == (d(2024, 12, 1), d(2025, 2, 28))
    assert timex_bounds("2024-Q3") == (d(2024, 7, 1), d(2024, 9, 30))
    assert timex_bounds("2024") == (d(2024, 1, 1), d(2024, 12, 31))
    assert timex_bounds("199X") == (d(1990, 1, 1), d(1999, 12, 31))
    assert timex_bounds("2024-10/2024-12-23") == (d(2024, 10, 1), d(2024, 12, 23))
    assert timex_bounds("P2W") is None
    assert timex_bounds("PRESENT_REF") is None
    assert timex_bounds("XXXX-12-25") is None


def test_without_reference() -> None:
    found = tags("Last month, on 5 March 2024, and on Christmas Day, for two weeks.", None)
    assert found == [
        ("Last month", "DATE", None),
        ("5 March 2024", "DATE", "2024-03-05"),
        ("Christmas Day", "DATE", "XXXX-12-25"),
        ("two weeks", "DURATION", "P2W"),
    ]


def test_not_dates() -> None:
    assert tags("The 240-millimeter rockets can fly 1,000 kilometers.") == []
    assert tags("He may march to the capital with 2000 soldiers.") == []
    assert tags("Prices fall as the army marches.") == []
    assert tags("Berlin will send 12 Panzerhaubitze 2000 howitzers.") == []


def test_bad_reference() -> None:
    with pytest.raises(UsageError):
        find_timexes("today", "2024-13-45")


def test_spacy_component() -> None:
    import spacy

    from sitrep.nlp.timex.component import COMPONENT

    nlp = spacy.blank("en")
    nlp.add_pipe(COMPONENT)
    doc = nlp.make_doc("Two soldiers were killed on Monday, officials said.")
    doc.user_data["reference"] = REF
    doc = nlp(doc)
    assert [(s.text, s.label_, s._.timex.value) for s in doc.spans["timex"]] == [
        ("Monday", "DATE", "2024-12-23")
    ]
    doc = nlp.make_doc("Two soldiers were killed last month.")
    doc._.reference = "2024-03-15"
    doc = nlp(doc)
    assert [s._.timex.value for s in doc.spans["timex"]] == ["2024-02"]
    # no reference: the relative expression is found, with no value
    doc = nlp("Killed last month.")
    found = [(s.text, s._.timex.value) for s in doc.spans["timex"]]
    assert found == [("last month", None)]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep", "--quiet", "dates", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_jsonl_and_reference(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a1", "text": "The strike came last month.", "published": "2024-12-23T08:00:00Z"},
        {"id": "a2", "text": "The strike came last month, on 4 November 2024."},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = run_cli(str(src))
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [
        '{"id": "a1", "start": 16, "end": 26, "text": "last month", "type": "DATE", "value": "2024-11"}',
        '{"id": "a2", "start": 16, "end": 26, "text": "last month", "type": "DATE", "value": null}',
        '{"id": "a2", "start": 31, "end": 46, "text": "4 November 2024", "type": "DATE", '
        '"value": "2024-11-04"}',
    ]
    txt = tmp_path / "note.txt"
    txt.write_text("Troops left on Friday.", encoding="utf-8")
    res = run_cli(str(txt), "--reference", "2024-12-23")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["value"] == "2024-12-20"


def test_cli_bad_reference(tmp_path: Path) -> None:
    txt = tmp_path / "note.txt"
    txt.write_text("Troops left on Friday.", encoding="utf-8")
    res = run_cli(str(txt), "--reference", "23/12/2024")
    assert res.returncode == 2
    assert res.stdout == ""
    assert len(res.stderr.strip().splitlines()) == 1
    assert "--reference" in res.stderr


def test_cli_csv_and_a_bad_line(tmp_path: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text(
        '{"id": "a", "text": "Left on Friday.", "published": "2024-12-23"}\nnot json\n',
        encoding="utf-8",
    )
    res = run_cli(str(src), "--format", "csv")
    assert res.returncode == 1
    assert res.stdout.splitlines() == [
        "id,start,end,text,type,value",
        "a,8,14,Friday,DATE,2024-12-20",
    ]
    assert res.stderr.splitlines()[0].startswith(f"sitrep: {src}:2: ")


_PIECES = [
    "on Monday",
    "last month",
    "Dec. 23",
    "in the fall",
    "2024",
    "two days ago",
    "since",
    "October",
    "the past two months",
    "at 9 a.m.",
    "12/23/2024",
    "the 1990s",
    "early",
    "next week",
    "a decade",
    "troops",
    "said",
    "will",
    "May",
    " ",
    ", ",
    ". ",
    "-",
    "'s",
    "Christmas",
    "the third quarter",
    "1,100",
    "every day",
    "nineteen ninety-six",
    "\n",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=25).map(" ".join),
    st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
)
def test_any_text_gives_ordered_consistent_expressions(text: str, ref: str | None) -> None:
    found = find_timexes(text, ref)
    last_end = -1
    for t in found:
        assert text[t.start : t.end] == t.text
        assert t.start >= last_end and t.end > t.start
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        if ref is None and t.value and t.value[:3].isdigit():
            # no reference date: only years written in the text
            assert t.value[:3] in text or "nineteen" in t.text
        last_end = t.end


def test_cli_document_with_a_bad_date_is_reported_and_skipped(tmp_path: Path) -> None:
    src = tmp_path / "dated.jsonl"
    rows = [
        {"id": "a", "text": "Left on Friday.", "published": "yesterday"},
        {"id": "b", "text": "Left on Friday.", "published": "2024-12-23"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = run_cli(str(src))
    assert res.returncode == 1
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == ["b"]
    assert res.stderr.splitlines() == [
        f"sitrep: {src}: a: published 'yesterday' is not a date (use YYYY-MM-DD)"
    ]
