"""The quantity recogniser: sentences written for these tests, the traps, the CLI, a property."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.nlp.quantities import find_quantities
from sitrep.records import Quantity

ROOT = Path(__file__).resolve().parent.parent


def q(text: str) -> list[tuple[str, float | None, float | None, float | None, str, str | None]]:
    """(text, value, low, high, qualifier, unit) of every quantity, checking the offsets."""
    out = []
    for x in find_quantities(text):
        assert text[x.start : x.end] == x.text
        out.append((x.text, x.value, x.low, x.high, x.qualifier, x.unit))
    return out


def one(text: str) -> tuple[str, float | None, float | None, float | None, str, str | None]:
    found = q(text)
    assert len(found) == 1, found
    return found[0]


# --- digits, separators, decimal commas ------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("The brigade lost 1,100 men.", 1100),
        ("Officials counted 10 000 displaced families.", 10000),
        ("Officials counted 10\u00a0000 displaced families.", 10000),
        ("Officials counted 1\u202f234\u202f567 votes.", 1234567),
        ("The army lost 1.100 soldiers in a week.", 1100),
        ("A total of 1.100.000 shells were delivered.", 1100000),
        ("Losses reached 1,000,340 people.", 1000340),
        ("Inflation hit 1.5 points.", 1.5),
        ("The strike hit 12 houses.", 12),
    ],
)
def test_digits_with_separators(text: str, value: float) -> None:
    assert one(text)[1] == value


def test_decimal_comma_before_a_multiplier() -> None:
    assert one("Some 1,4 million people fled the region.")[1:5] == (1_400_000, None, None, "approx")


def test_a_dotted_group_without_a_counted_noun_is_a_decimal() -> None:
    assert one("The index rose to 1.100 on Friday.")[1] == 1.1


# --- number words and multipliers -----------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("Three soldiers were wounded.", 3),
        ("They fired twenty-five rockets.", 25),
        ("They fired one hundred and twenty rockets.", 120),
        ("They fired a thousand shells.", 1000),
        ("A dozen soldiers deserted.", 12),
        ("Two dozen drones were launched.", 24),
        ("Half a million people fled.", 500_000),
        ("They sent 1.5 million shells.", 1_500_000),
        ("They sent 10 thousand shells.", 10_000),
        ("They sent 2.3 billion rounds.", 2_300_000_000),
        ("He counted 10k troops.", 10_000),
        ("Officials say 10m people need aid.", 10_000_000),
        ("A total of three thousand five hundred people.", 3500),
        ("It is a one point six billion dollar plan.", 1_600_000_000),
        ("She spent about 5 1/2 hours there.", 5.5),
        ("It was a 2½-hour meeting.", 2.5),
        ("Turnover fell to dlrs 14 billion.", 14_000_000_000),
    ],
)
def test_number_words_and_multipliers(text: str, value: float) -> None:
    assert one(text)[1] == value


# --- currencies, percentages, measures --------------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Washington pledged $2bn in aid.", 2e9, "USD"),
        ("Brussels pledged €500m.", 5e8, "EUR"),
        ("London gave £300 million.", 3e8, "GBP"),
        ("Kyiv raised ₴5 billion.", 5e9, "UAH"),
        ("The deal is worth US$1.5 billion.", 1.5e9, "USD"),
        ("The package of $250 million was approved.", 2.5e8, "USD"),
        ("Germany gave 522 million euros.", 5.22e8, "EUR"),
        ("Britain gave 120 million pounds.", 1.2e8, "GBP"),
        ("Russia paid 50 billion roubles.", 5e10, "RUB"),
        ("Ukraine spent 2.3 billion hryvnias.", 2.3e9, "UAH"),
        ("It cost 2 billion dollars.", 2e9, "USD"),
        ("The fund holds UAH 40 million.", 4e7, "UAH"),
        ("Support fell to 12.5% this month.", 12.5, "percent"),
        ("Support fell to 40 percent.", 40, "percent"),
        ("Support fell to 30 per cent.", 30, "percent"),
        ("The launchers fire 240-millimeter rockets.", 240, "mm"),
        ("It is a 170 mm gun.", 170, "mm"),
        ("They fired 155mm shells.", 155, "mm"),
        ("The target was 10km away.", 10, "km"),
        ("They seized 5kg of explosives.", 5, "kg"),
        ("The border is 600 miles long.", 600, "mi"),
        ("They delivered 300 tonnes of grain.", 300, "t"),
        ("A 10-day ceasefire began.", 10, "day"),
        ("Police found 1,300 pounds of explosives.", 1300, "lb"),
        ("They dropped a 500-pound bomb.", 500, "lb"),
        ("He was fined 500 pounds.", 500, "GBP"),
    ],
)
def test_units(text: str, value: float, unit: str) -> None:
    got = one(text)
    assert (got[1], got[5]) == (value, unit)


def test_weapon_range_keeps_its_unit_and_qualifier() -> None:
    assert one("Missiles with a range of over 1,000 kilometers were seen.") == (
        "over 1,000 kilometers",
        1000,
        1000,
        None,
        "more_than",
        "km",
    )


@pytest.mark.parametrize(
    "text, unit",
    [
        ("Pyongyang sent 1,000 North Korean soldiers.", "person"),
        ("Moscow sent 100 more troops.", "person"),
        ("At least 12 civilians died.", "person"),
        ("Some 40 children were evacuated.", "person"),
        ("The army used about 60 North Korean-produced KN-23 ballistic missiles.", "item"),
        ("They shipped 6,700 containers of munitions.", "item"),
        ("They destroyed 15 Russian tanks.", "item"),
        ("Another 1,000 had been injured.", "person"),
        ("A 100,000-strong force gathered.", "person"),
        ("They held 300 meetings.", None),
        ("The blast killed 12 on Monday.", "person"),
        ("The blast killed 5 cows.", None),
        ("Shelling wounded dozens.", "person"),
        ("The death toll in the city has risen to 35.", "person"),
        ("Six others were wounded.", "person"),
        ("A group of 20 soldiers crossed.", "person"),
        ("She called half a dozen HP directors.", "person"),
        ("The vote split 10 MPs.", "person"),
        ("About 100 of its fighter jets took part.", "item"),
    ],
)
def test_counted_nouns(text: str, unit: str | None) -> None:
    assert one(text)[5] == unit


# --- qualifiers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, qualifier, low, high",
    [
        ("about", "approx", None, None),
        ("approximately", "approx", None, None),
        ("around", "approx", None, None),
        ("some", "approx", None, None),
        ("roughly", "approx", None, None),
        ("an estimated", "approx", None, None),
        ("at least", "at_least", 500, None),
        ("no fewer than", "at_least", 500, None),
        ("more than", "more_than", 500, None),
        ("over", "more_than", 500, None),
        ("exceeded", "more_than", 500, None),
        ("in excess of", "more_than", 500, None),
        ("upwards of", "more_than", 500, None),
        ("up to", "at_most", None, 500),
        ("as many as", "at_most", None, 500),
        ("no more than", "at_most", None, 500),
        ("fewer than", "at_most", None, 500),
        ("less than", "at_most", None, 500),
        ("nearly", "almost", None, 500),
        ("almost", "almost", None, 500),
        ("approaching", "almost", None, 500),
        ("close to", "almost", None, 500),
    ],
)
def test_qualifiers_before(
    phrase: str, qualifier: str, low: float | None, high: float | None
) -> None:
    text = f"The count was {phrase} 500 soldiers."
    assert one(text) == (f"{phrase} 500", 500, low, high, qualifier, "person")


def test_qualifier_before_a_currency_symbol() -> None:
    assert one("It sent more than $56 billion.")[:5] == (
        "more than $56 billion",
        56e9,
        56e9,
        None,
        "more_than",
    )


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("They found 100 or more bodies.", "at_least"),
        ("They found 100 or so bodies.", "approx"),
        ("They found 40-odd bodies.", "approx"),
        ("They found 100+ bodies.", "more_than"),
        ("They found 100 or fewer bodies.", "at_most"),
    ],
)
def test_qualifiers_after(text: str, qualifier: str) -> None:
    assert one(text)[4] == qualifier


def test_exact_and_the_loss_table_plus_sign() -> None:
    assert [x[1] for x in q("Tanks: 9,410 (+13)")] == [9410, 13]


# --- ranges ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("Between 1,000 and 3,000 people fled.", 1000, 3000),
        ("Between 9 million and 12 million people fled.", 9e6, 12e6),
        ("They killed 10 to 15 civilians.", 10, 15),
        ("They killed 10-15 civilians.", 10, 15),
        ("They killed 10–15 civilians.", 10, 15),
        ("They killed from 5 to 8 civilians.", 5, 8),
        ("They killed 2 to 3 million cattle.", 2e6, 3e6),
        ("They pledged $1-2bn.", 1e9, 2e9),
        ("They sent 10,000-15,000 troops.", 10000, 15000),
        ("They sent two or three drones.", 2, 3),
        ("The firm will cut 200 to 300 jobs.", 200, 300),
        ("It plans to raise 175 million to 180 million Canadian dollars.", 175e6, 180e6),
        ("Two or three million people fled.", 2e6, 3e6),
        ("Between one and two thousand troops.", 1000, 2000),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    got = one(text)
    assert got[1:5] == (None, low, high, "range")


def test_ranges_with_the_unit_on_both_ends() -> None:
    assert one("Rates are now 5.25% to 5.5%.")[1:] == (None, 5.25, 5.5, "range", "percent")
    assert one("They were given between 44 mg and 50 mg.")[1:] == (None, 44, 50, "range", "mg")


def test_a_change_by_a_percentage_is_not_a_range() -> None:
    assert [x[1] for x in q("Prices rose 0.4% to 3.5% in March.")] == [0.4, 3.5]


def test_a_change_is_two_numbers_not_a_range() -> None:
    assert [x[1] for x in q("The toll rose from 100 to 150 overnight.")] == [100, 150]


def test_a_descending_pair_is_not_a_range() -> None:
    assert [x[1] for x in q("The final score was 3-1.")] == [3, 1]


def test_n_of_m_reports_both_and_the_first_takes_the_unit() -> None:
    assert q("Air defence shot down 14 of 16 drones.") == [
        ("14", 14, 14, 14, "exact", "item"),
        ("16", 16, 16, 16, "exact", "item"),
    ]


def test_compound_amounts_are_two_quantities() -> None:
    got = q("At least 100 soldiers were killed, and another 1,000 were injured.")
    assert [(x[1], x[4], x[5]) for x in got] == [
        (100, "at_least", "person"),
        (1000, "exact", "person"),
    ]


# --- vague amounts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("Dozens of people died.", 24, 99),
        ("Hundreds of people died.", 200, 999),
        ("Several hundred people died.", 300, 999),
        ("A few hundred people died.", 200, 500),
        ("Thousands of people died.", 2000, 9999),
        ("Several thousand people died.", 3000, 9999),
        ("Tens of thousands of people fled.", 20000, 99999),
        ("Hundreds of thousands of people fled.", 200000, 999999),
        ("Hundreds of millions of dollars were lost.", 2e8, 999999999),
        ("Several soldiers were hurt.", 3, 9),
        ("Multiple launchers were hit.", 3, 9),
        ("Numerous drones were downed.", 3, 9),
        ("A few tanks were lost.", 2, 5),
    ],
)
def test_vague(text: str, low: float, high: float) -> None:
    got = one(text)
    assert got[1:5] == (None, low, high, "vague")


def test_vague_unit_from_of_phrase() -> None:
    assert one("Tens of millions of dollars were stolen.")[5] == "USD"
    assert one("Thousands of North Korean troops arrived.")[5] == "person"


# --- traps: never quantities ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2022.",
        "The 2022-2024 campaign ended.",
        "It was agreed in 2022–23.",
        "Since 2014, the front has moved.",
        "On December 23, the talks resumed.",
        "On 23 December 2024 the talks resumed.",
        "On Dec. 5 the talks resumed.",
        "The memo is dated 12/23/2024.",
        "The memo is dated 2024-12-23.",
        "The strike came at 10:30 local time.",
        "The strike came at 3 p.m. local time.",
        "The strike came at 3pm.",
        "The KN-23 is a ballistic missile.",
        "A Shahed-136 hit the building.",
        "An Su-34 and an F-16 were seen.",
        "The T-72 and the S-300 were hit.",
        "M142 launchers and 9M723 missiles.",
        "The DC-8-62 is old.",
        "The first wave, the 3rd wave and the second wave.",
        "See No. 5 and Article 5 of the treaty.",
        "Call +1 555-123-4567 for details.",
        "A 19-year-old soldier was killed.",
        "A soldier, aged 19, was killed.",
        "John Smith, 45, was killed.",
        "'It was awful,' said Anna Petrenko, 73.",
        "The bombing of Flight 103 that killed everyone aboard.",
        "They were killed in violence since 1993.",
        "The covid-19 crisis and the G7 summit.",
        "5G networks and the 1990s.",
        "UN Resolution 2231 was cited.",
        "No one was hurt.",
        "It was one of the most brutal attacks.",
        "A soldier was killed.",
        "They kept fighting one way or another.",
        "The mid-2024 plan.",
        "They were two-thirds of the force.",
        "The twenty-first century.",
        "He left 10 Downing Street.",
        "No 10 said nothing.",
        "Men aged between 18 and 60 must register.",
        "The attack began at 05:00 Kyiv time and lasted from 21:00 to 06:00.",
        "The 47th Mechanized Brigade and the 1,000th day.",
        "A Bayraktar TB2, a Tu-22M3 bomber, MiG-29s and F-16s were involved.",
        "They will finish the plan by 2070.",
        "The talks ran 10-12 December.",
        "We meet on Monday 21 at six pm, or at 12 noon, or at 7 in the morning.",
        "His number is 123-12-1234.",
        "Things to watch:\n1) The race.\n2. The money.",
        "It follows the Constitution of 1780.",
        "They met after the Group of 20 summit.",
        'See <tweet id="728338863698096129">.',
        "The office is open from 8 to 10 a.m.",
        "The S&P 500 and the Nasdaq 100 rose.",
        "She owns two thirds of the firm.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert q(text) == []


def test_a_year_sized_count_with_a_noun_is_a_count() -> None:
    assert one("About 2000 soldiers were killed.")[1:] == (2000, None, None, "approx", "person")
    assert q("Around 2010, the unit moved.") == []


def test_over_a_period_is_not_a_bound() -> None:
    assert q("It will spend £5bn over five years.")[1] == ("five years", 5, 5, 5, "exact", "year")


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The firm sold 2.3m units, against 1.9m a year earlier.", 2_300_000, "item"),
        ("He ran the 100m sprint.", 100, "m"),
        ("Russia fired 3,000 glide bombs in a week.", 3000, "item"),
        ("Russia lost 1,000+ soldiers in a day.", 1000, "person"),
        ("About 250 taken hostage were freed.", 250, "person"),
    ],
)
def test_unit_details(text: str, value: float, unit: str) -> None:
    got = q(text)[0]
    assert (got[1], got[5]) == (value, unit)


def test_a_month_name_does_not_swallow_a_count() -> None:
    assert [x[1] for x in q("In March 10,000 people fled and 5 Marines died.")] == [10000, 5]


def test_units_from_a_loss_table() -> None:
    got = q("Personnel: about 414,180 (+1,120) Tanks: 6,663 (+13)")
    assert [(x[1], x[4], x[5]) for x in got] == [
        (414180, "approx", "person"),
        (1120, "exact", "person"),
        (6663, "exact", "item"),
        (13, "exact", "item"),
    ]


def test_model_names_inside_a_counted_phrase() -> None:
    assert q("Germany will deliver 12 more Panzerhaubitze 2000 self-propelled howitzers.") == [
        ("12", 12, 12, 12, "exact", "item")
    ]
    assert q("They sent 240 mm multiple rocket launchers.") == [
        ("240 mm", 240, 240, 240, "exact", "mm")
    ]


def test_one_as_a_pronoun_after_an_adjective() -> None:
    assert q("A large sum, but a modest one next to the budget.") == []


def test_symbol_qualifiers_only_when_glued() -> None:
    assert q("Turnout was ~60%.")[0][4] == "approx"
    assert q("News. ~ Two players died.")[0][4] == "exact"


def test_a_number_before_a_full_stop_is_still_a_count() -> None:
    assert q("The death toll rose to 52. Officials said so.") == [
        ("52", 52, 52, 52, "exact", "person")
    ]


def test_one_of_is_a_count_only_as_a_subject_or_object() -> None:
    assert q("Russia lost one of its jets.") == [("one", 1, 1, 1, "exact", "item")]
    assert [x[0] for x in q("He was one of three doctors.")] == ["three"]
    assert [x[0] for x in q("According to Lee, one of the soldiers spoke.")] == ["one"]


def test_singular_one_is_a_count() -> None:
    assert one("One drone was shot down.") == ("One", 1, 1, 1, "exact", "item")


# --- the seed article, end to end ---------------------------------------------------------


def test_seed_article(shared: Path) -> None:
    text = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    got = {(x.text, x.value, x.low, x.high, x.qualifier) for x in find_quantities(text)}
    for want in [
        ("thousands", None, 2000, 9999, "vague"),
        ("approximately 1,100", 1100, None, None, "approx"),
        ("about 60", 60, None, None, "approx"),
        ("more than 10,000", 10000, 10000, None, "more_than"),
        ("exceeded 200", 200, 200, None, "more_than"),
        ("at least 100", 100, 100, None, "at_least"),
        ("1,000", 1000, 1000, 1000, "exact"),
        ("several hundred", None, 300, 999, "vague"),
        ("240-millimeter", 240, 240, 240, "exact"),
        ("over 1,000 kilometers", 1000, 1000, None, "more_than"),
    ]:
        assert want in got
    assert not any("23" == x.text or "14" == x.text for x in find_quantities(text))


# --- spaCy component ---------------------------------------------------------------------


def test_spacy_component_sets_spans() -> None:
    import sitrep.nlp.quantity_component  # noqa: F401  (registers the component)
    from sitrep.nlp.pipeline import blank

    nlp = blank()
    if "sitrep_quantities_v1" not in nlp.pipe_names:
        nlp.add_pipe("sitrep_quantities_v1")
    doc = nlp("Seoul said more than 10,000 soldiers and $2bn went north.")
    spans = list(doc.spans["quantity"])
    assert [s.text for s in spans] == ["more than 10,000", "$2bn"]
    first = spans[0]._.quantity
    assert isinstance(first, Quantity) and first.unit == "person"
    nlp.remove_pipe("sitrep_quantities_v1")


# --- property: any integer written with separators parses back ----------------------------


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", " ", "\u202f"]))
def test_integers_with_separators_parse_back(n: int, sep: str) -> None:
    rendered = f"{n:,}".replace(",", sep)
    text = f"Officials counted {rendered} people."
    assert [x.value for x in find_quantities(text)] == [n]


@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=1, max_value=10**6))
def test_ranges_parse_back(a: int, gap: int) -> None:
    text = f"They sent between {a:,} and {a + gap:,} troops."
    assert [(x.low, x.high, x.qualifier) for x in find_quantities(text)] == [(a, a + gap, "range")]


# --- CLI -------------------------------------------------------------------------------


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep", *args], input=stdin, capture_output=True, cwd=ROOT
    )


def test_cli_jsonl_with_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_bytes(
        b'{"id": "a", "text": "At least 100 soldiers died."}\n'
        b"this is not json\n"
        b'{"id": "b"}\n'
        b'{"id": "c", "text": "\xff\xfe broken"}\n'
        b'{"id": "d", "text": "Between 1,000 and 3,000 people fled."}\n'
    )
    r = _run("quantities", str(src))
    assert r.returncode == 1
    rows = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert rows == [
        {"id": "a", "start": 0, "end": 12, "text": "At least 100", "value": 100, "low": 100,
         "high": None, "qualifier": "at_least", "unit": "person"},
        {"id": "d", "start": 0, "end": 23, "text": "Between 1,000 and 3,000", "value": None,
         "low": 1000, "high": 3000, "qualifier": "range", "unit": "person"},
    ]  # fmt: skip
    err = r.stderr.decode().splitlines()
    assert f"sitrep: {src}:2: invalid JSON (Expecting value)" in err
    assert f"sitrep: {src}:3: missing 'text' field" in err
    assert any(line.startswith(f"sitrep: {src}:4: not valid UTF-8") for line in err)


def test_cli_txt_and_formats(tmp_path: Path) -> None:
    src = tmp_path / "report.txt"
    src.write_text("Kyiv said nearly 800,000 people fled.", encoding="utf-8")
    r = _run("quantities", str(src), "--format", "csv")
    assert r.returncode == 0
    assert r.stdout.decode().splitlines() == [
        "id,start,end,text,value,low,high,qualifier,unit",
        'report,10,24,"nearly 800,000",800000,,800000,almost,person',
    ]
    r = _run("quantities", str(src), "--format", "json")
    assert json.loads(r.stdout)[0]["qualifier"] == "almost"
    r = _run("quantities", str(src), "--format", "table")
    assert r.returncode == 0 and "nearly 800,000" in r.stdout.decode()


def test_cli_non_utf8_txt_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 100 soldiers")
    good = tmp_path / "good.txt"
    good.write_text("Some 12 drones.", encoding="utf-8")
    r = _run("quantities", str(bad), str(tmp_path / "nope.txt"), str(good))
    assert r.returncode == 1
    assert json.loads(r.stdout)["text"] == "Some 12"
    err = r.stderr.decode()
    assert f"{bad}: not valid UTF-8 (byte 3)" in err
    assert f"{tmp_path / 'nope.txt'}: no such file" in err


def test_cli_stdin_and_usage_error() -> None:
    r = _run("quantities", "-", stdin=b"They fired 25 rockets.")
    assert r.returncode == 0
    assert json.loads(r.stdout)["value"] == 25
    r = _run("quantities", "-", "--format", "xml", stdin=b"x")
    assert r.returncode == 2


_PIECES = st.sampled_from(
    ["1,000", "10", "2024", "-", "–", "to", "and", "between", "from", "$", "€", "bn", "m", "k",
     "million", "a", "dozen", "dozens", "of", "several", "hundred", "thousands", "tens", "%",
     "soldiers", "KN", "23", "about", "more than", "up to", "or", "more", "+", "(", ")", ":",
     ".", ",", "one", "twenty", "five", "and a half", "year", "old", "aged", "No.", "1.5", "/",
     "December", "10:30", "p.m.", "minus", "km", "of the", "Street", "half", "thirds", " "]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=14), st.lists(st.booleans(), min_size=14, max_size=14))
def test_any_text_gives_ordered_spans_that_match_the_text(
    pieces: list[str], glue: list[bool]
) -> None:
    text = "".join(p + ("" if g else " ") for p, g in zip(pieces, glue, strict=False))
    found = find_quantities(text)
    last_end = 0
    for x in found:
        assert 0 <= x.start < x.end <= len(text)
        assert text[x.start : x.end] == x.text
        assert x.start >= last_end
        last_end = x.end
        assert x.qualifier in ("exact", "approx", "at_least", "more_than", "at_most", "almost",
                               "range", "vague")  # fmt: skip
        if x.qualifier in ("range", "vague"):
            assert x.value is None and x.low is not None and x.high is not None
        else:
            assert x.value is not None
