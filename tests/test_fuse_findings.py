"""Grouping claims into findings, and independent-source counts, on small ledgers we write."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.fuse import find_findings, fuse
from sitrep.fuse.ledger import claim_from_json
from sitrep.fuse.rules import skeleton
from sitrep.records import Claim

NIS = {"name": "National Intelligence Service", "kind": "intelligence", "country": "KR"}
DOD = {"name": "United States Department of Defense", "kind": "military", "country": "US"}


def claim(
    art: str,
    outlet: str,
    published: str,
    value: float | None = 1000,
    qualifier: str = "exact",
    metric: str = "casualties.wounded",
    subject: str = "North Korea",
    source: dict[str, Any] | None = None,
    stated: str | None = None,
    via: list[str] | None = None,
    **extra: Any,
) -> Claim:
    """A claim as `sitrep extract` writes it, in a few words."""
    quantity = None
    if value is not None or "low" in extra:
        low = extra.pop("low", value if qualifier in ("exact", "at_least", "more_than") else None)
        high = extra.pop("high", value if qualifier in ("exact", "at_most", "almost") else None)
        quantity = {
            "value": value,
            "low": low,
            "high": high,
            "qualifier": qualifier,
            "unit": extra.pop("unit", "person"),
            "text": extra.pop("qtext", str(value)),
        }
    obj = {
        "id": extra.pop("id", f"{art}-{metric}-{value}"),
        "article": {
            "id": art,
            "outlet": outlet,
            "published": published,
            "title": f"{outlet} story",
        },
        "text": extra.pop("text", f"{outlet} wrote about {value}."),
        "span": [0, 10],
        "metric": metric,
        "subject": subject,
        "quantity": quantity,
        "source": source,
        "via": [{"name": v} for v in via or []],
        "stated": stated or published,
        "modality": extra.pop("modality", "asserted"),
        **extra,
    }
    return claim_from_json(obj)


def one(findings: list, **match: Any) -> Any:
    got = [f for f in findings if all(getattr(f, k) == v for k, v in match.items())]
    assert len(got) == 1, f"{len(got)} findings match {match}: {[f.to_json() for f in findings]}"
    return got[0]


def test_echoes_across_outlets_are_one_finding_with_one_independent_source() -> None:
    ledger = [
        claim("a1", "Seoul Daily", "2024-12-20", source=NIS, stated="2024-12-19"),
        claim("a2", "Wire Agency", "2024-12-20", source=NIS, stated="2024-12-19"),
        claim("a3", "Kyiv Courier", "2024-12-21", source=NIS, stated="2024-12-19"),
    ]
    (f,) = find_findings(ledger)
    assert len(f.outlets) == 3
    assert f.independent_sources == 1
    assert f.articles == ["a1", "a2", "a3"]
    assert f.stated_first == f.stated_last == "2024-12-19"
    assert f.reported == ("2024-12-20", "2024-12-21")


def test_around_and_almost_from_one_briefing_are_one_finding_with_qualifiers_noted() -> None:
    ledger = [
        claim(
            "a1",
            "Seoul Daily",
            "2024-12-20",
            qualifier="approx",
            source=NIS,
            stated="2024-12-19",
            qtext="around 1,000",
        ),
        claim(
            "a2",
            "Wire Agency",
            "2024-12-20",
            qualifier="almost",
            source=NIS,
            stated="2024-12-19",
            qtext="almost 1,000",
        ),
        claim(
            "a3",
            "Kyiv Courier",
            "2024-12-20",
            qualifier="approx",
            source=NIS,
            stated="2024-12-19",
            qtext="some 1,000",
        ),
    ]
    (f,) = find_findings(ledger)
    assert f.qualifiers == ["approx", "almost"]
    assert f.qualifier_conflict
    assert f.quantity.qualifier == "approx"
    assert f.to_json()["qualifier_conflict"] is True


def test_same_number_from_two_sources_is_two_findings_and_two_independent_sources() -> None:
    ledger = [
        claim("a1", "Seoul Daily", "2024-12-20", source=NIS),
        claim("a2", "Wire Agency", "2024-12-20", source=NIS),
        claim("a3", "Capital Post", "2024-12-20", source=DOD),
    ]
    found = find_findings(ledger)
    nis = one(found, source_name="National Intelligence Service")
    dod = one(found, source_name="United States Department of Defense")
    assert len(nis.outlets) == 2 and len(dod.outlets) == 1
    assert nis.independent_sources == dod.independent_sources == 2
    assert nis.corroborated_by == [dod.id] and dod.corroborated_by == [nis.id]


def test_same_source_a_month_apart_is_two_findings() -> None:
    ledger = [
        claim("a1", "Seoul Daily", "2024-11-20", source=NIS),
        claim("a2", "Seoul Daily", "2024-12-20", source=NIS),
    ]
    found = find_findings(ledger)
    assert len(found) == 2
    assert [f.stated_first for f in found] == ["2024-11-20", "2024-12-20"]
    assert all(f.independent_sources == 1 for f in found)


def test_explicit_dates_more_than_a_few_days_apart_split() -> None:
    ledger = [
        claim("a1", "Seoul Daily", "2024-12-23", source=NIS, stated="2024-12-10"),
        claim("a2", "Wire Agency", "2024-12-23", source=NIS, stated="2024-12-19"),
        claim("a3", "Kyiv Courier", "2024-12-23", source=NIS, stated="2024-12-20"),
    ]
    found = find_findings(ledger)
    assert sorted(len(f.claims) for f in found) == [1, 2]


def test_a_report_dated_only_by_publication_joins_the_briefing_days_before() -> None:
    ledger = [
        claim("a1", "Seoul Daily", "2024-12-20", source=NIS, stated="2024-12-19"),
        # weeklies without a date for the statement: `stated` is the publication day
        claim("a2", "Weekly Review", "2024-12-24", source=NIS),
        claim("a3", "Monthly Digest", "2024-12-28", source=NIS),
    ]
    (f,) = find_findings(ledger)
    assert f.stated_first == "2024-12-19" and f.stated_last == "2024-12-28"
    assert f.day == date(2024, 12, 19).toordinal()  # known since the briefing
    assert len(f.outlets) == 3
    # three weeks on, the same figure is a new statement
    ledger.append(claim("a4", "Monthly Digest", "2025-01-10", source=NIS))
    assert [len(f.claims) for f in find_findings(ledger)] == [3, 1]


def test_transliterated_lawmaker_relaying_the_nis_groups_under_the_nis() -> None:
    ledger = [
        claim(
            "a1",
            "Seoul Daily",
            "2025-01-13",
            value=300,
            metric="casualties.killed",
            source=NIS,
            via=["Lee Seong-kweun"],
        ),
        claim(
            "a2",
            "Wire Agency",
            "2025-01-13",
            value=300,
            metric="casualties.killed",
            source=NIS,
            via=["Lee Seong-gwon"],
        ),
        # a third outlet names only the lawmaker, in yet another spelling
        claim(
            "a3",
            "Kyiv Courier",
            "2025-01-14",
            value=300,
            metric="casualties.killed",
            source={"name": "Lee Sung-kwon", "kind": "official", "country": "KR"},
        ),
    ]
    (f,) = find_findings(ledger)
    assert f.source_name == "National Intelligence Service"
    assert len(f.outlets) == 3
    assert f.independent_sources == 1
    assert f.via == ["Lee Seong-kweun"]  # one intermediary, however it is spelled
    assert f.inferred == ["a3-casualties.killed-300"]


def test_romanisation_skeleton_folds_variants_but_not_different_names() -> None:
    assert skeleton("Lee Seong-kweun") == skeleton("Lee Seong-gwon") == skeleton("Lee Sung-kwon")
    assert skeleton("Park Sun-won") != skeleton("Lee Seong-kweun")
    assert skeleton("Kim Jong Un") == skeleton("Kim Jong-un")


def test_relay_through_a_news_agency_is_not_an_independent_source() -> None:
    yonhap = {"name": "Yonhap News Agency", "kind": "media", "country": "KR"}
    ledger = [
        claim("a1", "Seoul Daily", "2025-02-27", value=600, source=NIS, via=["Yonhap News Agency"]),
        claim("a2", "Kyiv Courier", "2025-02-27", value=600, source=yonhap),
    ]
    (f,) = find_findings(ledger)
    assert f.independent_sources == 1 and len(f.outlets) == 2


def test_a_state_speaking_joins_its_one_body_saying_the_same() -> None:
    south_korea = {"name": "South Korea", "kind": "government", "country": "KR", "wikidata": "Q884"}
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-19",
            value=100,
            qualifier="at_least",
            source=NIS,
            metric="casualties.killed",
        ),
        claim(
            "a2",
            "B",
            "2024-12-23",
            value=100,
            qualifier="at_least",
            source=south_korea,
            metric="casualties.killed",
            stated="2024-W51",
        ),
    ]
    (f,) = find_findings(ledger)
    assert f.source_name == NIS["name"] and len(f.outlets) == 2 and f.independent_sources == 1


def test_a_state_beside_two_bodies_stays_apart_but_adds_no_independent_source() -> None:
    south_korea = {"name": "South Korea", "kind": "government", "country": "KR"}
    jcs = {"name": "Joint Chiefs of Staff", "kind": "military", "country": "KR"}
    ledger = [
        claim("a1", "A", "2024-12-23", value=1100, source=NIS),
        claim("a2", "B", "2024-12-23", value=1100, source=jcs),
        claim("a3", "C", "2024-12-23", value=1100, source=south_korea),
    ]
    found = find_findings(ledger)
    assert len(found) == 3
    assert [f.independent_sources for f in found] == [2, 2, 2]


def test_a_stray_source_phrase_joins_the_known_source_it_echoes() -> None:
    stray = {"name": "agency's December briefing", "kind": "media", "country": None}
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-19",
            value=100,
            qualifier="at_least",
            source=NIS,
            metric="casualties.killed",
        ),
        claim(
            "a2",
            "B",
            "2025-01-13",
            value=100,
            qualifier="at_least",
            source=stray,
            metric="casualties.killed",
            stated="2024-12",
        ),
    ]
    (f,) = find_findings(ledger)
    assert f.source_name == NIS["name"] and len(f.outlets) == 2
    assert f.inferred == ["a2-casualties.killed-100"]


def test_a_swapped_relay_is_put_right_when_the_source_is_unknown() -> None:
    stray = {"name": "Intelligence Committee on the New Assessment", "kind": "intelligence"}
    ledger = [
        claim(
            "a1",
            "A",
            "2025-01-13",
            value=2,
            metric="casualties.captured",
            source=NIS,
            via=["Lee Seong-kweun"],
        ),
        claim(
            "a2",
            "B",
            "2025-01-13",
            value=2,
            metric="casualties.captured",
            source=stray,
            via=["National Intelligence Service"],
        ),
    ]
    (f,) = find_findings(ledger)
    assert f.source_name == NIS["name"] and len(f.outlets) == 2


def test_a_person_joins_the_body_they_speak_for() -> None:
    who = {"name": "World Health Organization", "kind": "international"}
    tedros = {"name": "Tedros Adhanom Ghebreyesus", "kind": "international"}
    ledger = [
        claim(
            "a1",
            "A",
            "2025-01-25",
            value=70,
            metric="casualties.killed",
            subject="Sudan",
            source=tedros,
        ),
        claim(
            "a2",
            "B",
            "2025-01-26",
            value=70,
            metric="casualties.killed",
            subject="Sudan",
            source=who,
        ),
    ]
    (f,) = find_findings(ledger)
    assert f.source_name == "World Health Organization" and f.independent_sources == 1


def test_unknown_sources_saying_the_same_count_as_one() -> None:
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-16",
            value=45000,
            qualifier="more_than",
            subject="Palestine",
            metric="casualties.killed",
            source={"name": "Figures Released"},
        ),
        claim(
            "a2",
            "B",
            "2024-12-16",
            value=45000,
            qualifier="more_than",
            subject="Palestine",
            metric="casualties.killed",
            source={"name": "Territory's Health Ministry"},
        ),
    ]
    assert [f.independent_sources for f in find_findings(ledger)] == [1, 1]


def test_an_undated_claim_joins_its_sources_only_dated_finding() -> None:
    acled = {"name": "ACLED", "kind": "ngo"}
    undated = claim(
        "u1",
        "Wire",
        "2024-12-10",
        value=28700,
        qualifier="more_than",
        subject="Sudan",
        metric="casualties.killed",
        source=acled,
    )
    undated.article.published = None
    undated.stated = None
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-10",
            value=28700,
            qualifier="more_than",
            subject="Sudan",
            metric="casualties.killed",
            source=acled,
        ),
        undated,
    ]
    (f,) = find_findings(ledger)
    assert len(f.outlets) == 2 and f.stated_first == "2024-12-10"
    # with two dated statements two months apart, it cannot be placed
    ledger.append(
        claim(
            "a3",
            "B",
            "2025-02-10",
            value=28700,
            qualifier="more_than",
            subject="Sudan",
            metric="casualties.killed",
            source=acled,
        )
    )
    assert sorted(len(f.claims) for f in find_findings(ledger)) == [1, 1, 1]


def test_two_known_bodies_of_one_country_are_two_independent_sources() -> None:
    jcs = {"name": "Joint Chiefs of Staff", "kind": "military", "country": "KR"}
    ledger = [
        claim("a1", "A", "2024-12-23", value=1100, source=NIS),
        claim("a2", "B", "2024-12-23", value=1100, source=jcs),
    ]
    assert [f.independent_sources for f in find_findings(ledger)] == [2, 2]


def test_unattributed_copy_joins_the_one_source_it_echoes() -> None:
    ledger = [
        claim("a1", "Seoul Daily", "2024-12-20", source=NIS),
        claim("a2", "Blog", "2024-12-21", source=None),
    ]
    (f,) = find_findings(ledger)
    assert f.source_name == "National Intelligence Service" and len(f.outlets) == 2


def test_unattributed_figure_matching_two_sources_stays_apart_and_adds_no_source() -> None:
    ledger = [
        claim("a1", "Seoul Daily", "2024-12-20", source=NIS),
        claim("a2", "Capital Post", "2024-12-20", source=DOD),
        claim("a3", "Blog", "2024-12-21", source=None),
    ]
    found = find_findings(ledger)
    loose = one(found, source=None)
    assert loose.independent_sources == 2
    assert one(found, source_name="National Intelligence Service").independent_sources == 2


def test_different_numbers_metrics_subjects_never_merge() -> None:
    ledger = [
        claim("a1", "Seoul Daily", "2024-12-20", value=1000, source=NIS),
        claim("a2", "Seoul Daily", "2024-12-20", value=1100, source=NIS),
        claim(
            "a3", "Seoul Daily", "2024-12-20", value=1000, source=NIS, metric="casualties.killed"
        ),
        claim("a4", "Seoul Daily", "2024-12-20", value=1000, source=NIS, subject="Russia"),
    ]
    assert len(find_findings(ledger)) == 4


def test_ranges_match_on_low_and_high() -> None:
    ledger = [
        claim(
            "a1",
            "A",
            "2024-11-04",
            value=None,
            qualifier="range",
            low=8000,
            high=9000,
            source=DOD,
            metric="personnel.deployed",
        ),
        claim(
            "a2",
            "B",
            "2024-11-04",
            value=None,
            qualifier="range",
            low=8000,
            high=9000,
            source=DOD,
            metric="personnel.deployed",
        ),
        claim(
            "a3",
            "C",
            "2024-11-04",
            value=None,
            qualifier="range",
            low=8000,
            high=10000,
            source=DOD,
            metric="personnel.deployed",
        ),
    ]
    assert sorted(len(f.claims) for f in find_findings(ledger)) == [1, 2]


def test_places_differing_across_outlets_do_not_split_but_one_articles_table_does() -> None:
    ledger = [
        claim("a1", "A", "2024-12-20", source=NIS, location="Kursk Oblast"),
        claim("a2", "B", "2024-12-20", source=NIS),
        # the extractor took the speaker's city for the place
        claim("a3", "C", "2024-12-20", source=NIS, location="Seoul"),
    ]
    (f,) = find_findings(ledger)
    assert f.location == "Kursk Oblast" and len(f.outlets) == 3
    # one article giving the same figure for two regions states two things
    table = [
        claim("t1", "A", "2024-12-20", value=12, source=NIS, location="Kursk Oblast", id="t1a"),
        claim("t1", "A", "2024-12-20", value=12, source=NIS, location="Belgorod Oblast", id="t1b"),
    ]
    assert sorted(f.location for f in find_findings(table)) == ["Belgorod Oblast", "Kursk Oblast"]


def test_items_split_materiel_findings() -> None:
    ledger = [
        claim(
            "a1",
            "A",
            "2025-02-18",
            value=120,
            metric="materiel.supplied",
            source=NIS,
            item="240 mm multiple rocket launcher",
            unit="item",
        ),
        claim(
            "a2",
            "B",
            "2025-02-18",
            value=120,
            metric="materiel.supplied",
            source=NIS,
            item="M-1978 Koksan self-propelled gun",
            unit="item",
        ),
    ]
    assert len(find_findings(ledger)) == 2


def test_item_names_of_one_weapon_do_not_split() -> None:
    hur = {"name": "Defence Intelligence of Ukraine", "kind": "intelligence", "country": "UA"}
    ledger = [
        claim(
            "a1",
            "A",
            "2025-02-18",
            value=120,
            metric="materiel.supplied",
            source=hur,
            item="M-1991 240 mm multiple rocket launcher",
            unit="item",
        ),
        claim(
            "a2",
            "B",
            "2025-02-18",
            value=120,
            metric="materiel.supplied",
            source=hur,
            item="240 mm multiple rocket launcher",
            unit="item",
        ),
    ]
    (f,) = find_findings(ledger)
    assert len(f.outlets) == 2


def test_currencies_split_aid_figures() -> None:
    us = {"name": "United States", "kind": "government", "country": "US"}
    ledger = [
        claim(
            "a1",
            "A",
            "2024-09-06",
            value=250e6,
            metric="aid.pledged",
            subject="United States",
            source=us,
            unit="USD",
        ),
        claim(
            "a2",
            "B",
            "2024-09-06",
            value=250e6,
            metric="aid.pledged",
            subject="United States",
            source=us,
            unit="EUR",
        ),
    ]
    assert len(find_findings(ledger)) == 2


def test_claims_without_a_number_group_too() -> None:
    jcs = {"name": "Joint Chiefs of Staff", "kind": "military", "country": "KR"}
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-23",
            value=None,
            metric="materiel.supplied",
            source=jcs,
            item="240 mm multiple rocket launcher",
        ),
        claim(
            "a2",
            "B",
            "2024-12-23",
            value=None,
            metric="materiel.supplied",
            source=jcs,
            item="240 mm multiple rocket launcher",
        ),
    ]
    (f,) = find_findings(ledger)
    assert f.quantity is None and len(f.outlets) == 2
    assert fuse(ledger).series == []  # nothing to assess without a number


def test_month_stated_claim_joins_a_day_in_that_month() -> None:
    hur = {"name": "Defence Intelligence of Ukraine", "kind": "intelligence", "country": "UA"}
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-23",
            value=60,
            metric="materiel.used",
            subject="Russia",
            source=hur,
            stated="2024-12",
            qualifier="approx",
            unit="item",
        ),
        claim(
            "a2",
            "B",
            "2024-12-20",
            value=60,
            metric="materiel.used",
            subject="Russia",
            source=hur,
            stated="2024-12-18",
            qualifier="approx",
            unit="item",
        ),
    ]
    (f,) = find_findings(ledger)
    assert f.stated_first == "2024-12-18"


def test_outlet_falls_back_to_url_host_then_article() -> None:
    a = claim("a1", "", "2024-12-20", source=NIS)
    a.article.outlet = None
    a.article.url = "https://www.example.org/news/1"
    b = claim("a2", "", "2024-12-20", source=NIS)
    b.article.outlet = None
    (f,) = find_findings([a, b])
    assert f.outlets == ["example.org", "article a2"]


def test_findings_json_has_the_documented_keys() -> None:
    ledger = [
        claim("a1", "A", "2024-12-20", source=NIS),
        claim("a2", "B", "2024-12-21", source=NIS),
    ]
    (f,) = find_findings(ledger)
    obj = f.to_json()
    for key in (
        "id",
        "metric",
        "subject",
        "item",
        "location",
        "source",
        "quantity",
        "stated_first",
        "stated_last",
        "articles",
        "outlets",
        "independent_sources",
        "claims",
    ):
        assert key in obj
    assert obj["outlets"] == 2 and obj["independent_sources"] == 1
    assert obj["claims"] == ["a1-casualties.wounded-1000", "a2-casualties.wounded-1000"]
    assert obj["source"]["name"] == "National Intelligence Service"
    assert obj["quantity"]["value"] == 1000
    # ids are stable: the same ledger gives the same id
    assert find_findings(list(reversed(ledger)))[0].id == f.id
