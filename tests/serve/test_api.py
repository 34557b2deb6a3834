"""The read API in-process (httpx over ASGI), checked against the store's own reader (Store.events) as the
oracle: the same events, filtered in Python."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from warta.serve.models import DocumentOut, EventPage
from warta.serve.queries import event_item_json
from warta.store import Store

from .conftest import SCRIPT, db_rows

pytestmark = pytest.mark.anyio


def oracle(db: Path, include_all: bool = False) -> list[dict[str, Any]]:
    with Store(db, readonly=True) as st:
        return list(st.events(include_all=include_all))


def ident(e: dict[str, Any]) -> tuple[str, int, str]:
    return (e["doc"], e["sentence"], e["type"])


def involves(e: dict[str, Any], key: str) -> bool:
    return any(side and key in (side.get("key"), side.get("country")) for side in (e.get("source"), e.get("target")))


async def all_items(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    r = await client.get("/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"]) and body["next"] is None
    return body["items"]


# -- health, schema, headers -----------------------------------------------------------------------------------
async def test_health_counts_the_store(client: httpx.AsyncClient, base_db: Path) -> None:
    r = await client.get("/health")
    assert r.status_code == 200
    with Store(base_db, readonly=True) as st:
        stats = st.stats()
    assert r.json() == {"status": "ok", "documents": stats.documents, "events": stats.events}


async def test_openapi_lists_every_endpoint_with_typed_models(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    assert {"/health", "/events", "/actors", "/network", "/timeline", "/documents/{key}", "/ingest", "/meta"} <= set(schema["paths"])
    models = set(schema["components"]["schemas"])
    assert {"EventPage", "Event", "ActorList", "Network", "Timeline", "DocumentOut", "IngestOut", "Health"} <= models
    ok = schema["paths"]["/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/EventPage")
    body = schema["paths"]["/ingest"]["post"]["requestBody"]["content"]
    assert {"text/plain", "application/x-ndjson"} <= set(body)


async def test_security_headers_on_every_response(client: httpx.AsyncClient) -> None:
    for path in ("/", "/health", "/events", "/static/app.js", "/documents/none-such"):
        r = await client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp, path
        assert r.headers["x-content-type-options"] == "nosniff"


async def test_dashboard_page_has_no_inline_script(client: httpx.AsyncClient) -> None:
    r = await client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert html.count("<script") == html.count("<script src=") == 3
    for path in ("/static/app.js", "/static/app.css", "/static/vendor/leaflet/leaflet.js",
                 "/static/vendor/topojson-client/topojson-client.min.js", "/static/vendor/world-atlas/countries-110m.json"):
        assert (await client.get(path)).status_code == 200, path
    js = (await client.get("/static/app.js")).text
    assert not re.search(r"\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=|document\.write|\beval\(", js)


async def test_meta(client: httpx.AsyncClient) -> None:
    m = (await client.get("/meta")).json()
    assert len(m["types"]) == 16 and m["types"]["ASSAULT"] == "material_conflict"
    assert m["countries"]["UKR"] == "804" and m["ingest"] is True and m["tiles"] is None


# -- /events -------------------------------------------------------------------------------------------------------
async def test_events_default_matches_the_store_and_hides_hypothetical_negated(client: httpx.AsyncClient, base_db: Path) -> None:
    items = await all_items(client)
    assert sorted(map(ident, items)) == sorted(map(ident, oracle(base_db)))
    assert items and not any(e["negated"] or e["hypothetical"] for e in items)
    every = await all_items(client, include_all="true")
    assert sorted(map(ident, every)) == sorted(map(ident, oracle(base_db, include_all=True)))
    assert any(e["negated"] for e in every) and any(e["hypothetical"] for e in every)
    # the event contract's fields, plus id and doc_hash
    assert {"doc", "type", "quad", "source", "target", "evidence", "date", "place", "id", "doc_hash"} <= set(items[0])


async def test_events_response_fits_its_model(client: httpx.AsyncClient) -> None:
    body = (await client.get("/events", params={"include_all": "true", "limit": 3})).json()
    page = EventPage.model_validate(body)
    assert page.items and page.next and page.items[0].evidence.text
    assert DocumentOut.model_validate((await client.get("/documents/a.txt")).json()).events


def test_event_item_json_splices_id_and_hash() -> None:
    assert json.loads(event_item_json(3, "ab", '{"doc": "x", "sentence": 1}')) == {"id": 3, "doc_hash": "ab", "doc": "x", "sentence": 1}
    assert json.loads(event_item_json(4, 'a"b', " { } ")) == {"id": 4, "doc_hash": 'a"b'}


async def test_events_only_newest_document_version(client: httpx.AsyncClient, base_db: Path) -> None:
    old = db_rows(base_db, "SELECT hash FROM documents WHERE doc_id = 'b.txt' AND version = 1")[0][0]
    new = db_rows(base_db, "SELECT hash FROM documents WHERE doc_id = 'b.txt' AND version = 2")[0][0]
    hashes = {e["doc_hash"] for e in await all_items(client, include_all="true")}
    assert old not in hashes and new in hashes
    # the superseded version carried the Cairo place: a box around Cairo finds nothing
    assert await all_items(client, bbox="31,29.5,32,30.5") == []


async def test_events_newest_first(client: httpx.AsyncClient) -> None:
    dates = [e["date"] for e in await all_items(client, include_all="true")]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated  # undated ones, if any, come last


@pytest.mark.parametrize("actor", ["RUS", "UKR", "USA", "TUR"])
async def test_filter_actor_key_or_country(client: httpx.AsyncClient, base_db: Path, actor: str) -> None:
    got = await all_items(client, actor=actor)
    want = [e for e in oracle(base_db) if involves(e, actor)]
    assert got and sorted(map(ident, got)) == sorted(map(ident, want))


async def test_filter_actor_list(client: httpx.AsyncClient, base_db: Path) -> None:
    got = await all_items(client, actor="TUR,IDN")
    want = [e for e in oracle(base_db) if involves(e, "TUR") or involves(e, "IDN")]
    assert sorted(map(ident, got)) == sorted(map(ident, want)) and len(got) >= 2


async def test_filter_dyad_is_directed(client: httpx.AsyncClient) -> None:
    got = await all_items(client, dyad="RUS,UKR")
    assert got and all(e["source"]["country"] == "RUS" and e["target"]["country"] == "UKR" for e in got)
    assert await all_items(client, dyad="UKR,RUS") == []


async def test_filter_type_repeatable_or_comma(client: httpx.AsyncClient, base_db: Path) -> None:
    one = await all_items(client, type="assault")
    assert one and {e["type"] for e in one} == {"ASSAULT"}
    comma = await all_items(client, type="ASSAULT,ACCUSE")
    r = await client.get("/events", params=[("type", "ASSAULT"), ("type", "ACCUSE"), ("limit", "1000")])
    repeated = r.json()["items"]
    assert {e["type"] for e in comma} == {"ASSAULT", "ACCUSE"}
    assert sorted(map(ident, comma)) == sorted(map(ident, repeated))
    assert len(comma) == len([e for e in oracle(base_db) if e["type"] in ("ASSAULT", "ACCUSE")])


async def test_filter_quad(client: httpx.AsyncClient, base_db: Path) -> None:
    got = await all_items(client, quad="material_conflict")
    want = [e for e in oracle(base_db) if e["quad"] == "material_conflict"]
    assert got and sorted(map(ident, got)) == sorted(map(ident, want))


async def test_filter_country_of_place_and_bbox(client: httpx.AsyncClient) -> None:
    ukr = await all_items(client, country="ukr")
    assert ukr and all(e["place"]["name"] == "Kyiv" for e in ukr)
    box = await all_items(client, bbox="30,50,31,51")
    assert sorted(map(ident, box)) == sorted(map(ident, ukr))
    assert await all_items(client, bbox="-10,-10,10,10") == []
    # a box across the antimeridian: from 170E eastwards to 31E, which takes in Kyiv (30.5E)
    across = await all_items(client, bbox="170,40,31,60")
    assert sorted(map(ident, across)) == sorted(map(ident, ukr))


async def test_filter_dates(client: httpx.AsyncClient, base_db: Path) -> None:
    got = await all_items(client, since="2024-03-01", until="2024-05-13")
    want = [e for e in oracle(base_db) if e["date"] and "2024-03-01" <= e["date"] <= "2024-05-13"]
    assert got and sorted(map(ident, got)) == sorted(map(ident, want))
    assert len(want) < len(oracle(base_db))


async def test_filter_q_in_evidence(client: httpx.AsyncClient) -> None:
    got = await all_items(client, q="MENGECAM")  # case-insensitive
    assert got and all("mengecam" in e["evidence"]["text"].lower() for e in got)
    assert await all_items(client, q="100%_no_such") == []  # LIKE wildcards are plain text here


async def test_pagination_by_cursor_and_offset(client: httpx.AsyncClient, base_db: Path) -> None:
    every = await all_items(client, include_all="true")
    assert len(every) >= 4
    seen: list[int] = []
    cursor = None
    for _ in range(len(every)):
        params: dict[str, Any] = {"limit": 2, "include_all": "true"}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/events", params=params)).json()
        assert page["total"] == len(every)
        seen += [e["id"] for e in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == [e["id"] for e in every]
    by_offset = (await client.get("/events", params={"limit": 2, "offset": 2, "include_all": "true"})).json()
    assert [e["id"] for e in by_offset["items"]] == seen[2:4]
    first = (await client.get("/events")).json()
    assert len(first["items"]) == min(100, first["total"])


@pytest.mark.parametrize(
    ("params", "name", "words"),
    [
        ({"since": "2024-13-01"}, "since", "YYYY-MM-DD"),
        ({"until": "yesterday"}, "until", "YYYY-MM-DD"),
        ({"since": "2024-05-01", "until": "2024-04-01"}, "until", "before since"),
        ({"bbox": "1,2,3"}, "bbox", "four numbers"),
        ({"bbox": "a,b,c,d"}, "bbox", "four numbers"),
        ({"bbox": "0,-95,10,10"}, "bbox", "latitudes"),
        ({"bbox": "0,20,10,10"}, "bbox", "minlat"),
        ({"bbox": "nan,0,1,1"}, "bbox", "four numbers"),
        ({"type": "BOMB"}, "type", "PLOVER"),
        ({"quad": "war"}, "quad", "quad"),
        ({"dyad": "RUS"}, "dyad", "SRC,TGT"),
        ({"cursor": "not-a-cursor"}, "cursor", "cursor"),
        ({"cursor": "WyIyMDI0LTAxLTAxIiwxXQ", "offset": "3"}, "offset", "not both"),
        ({"limit": "0"}, "limit", ""),
        ({"limit": "1001"}, "limit", ""),
        ({"offset": "-1"}, "offset", ""),
        ({"actor": ",".join(f"A{i}" for i in range(51))}, "actor", "at most 50"),
    ],
)
async def test_events_bad_parameters_422(client: httpx.AsyncClient, params: dict[str, str], name: str, words: str) -> None:
    r = await client.get("/events", params=params)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert detail[0]["loc"][-1] == name
    assert words in detail[0]["msg"]


# -- /actors, /network, /timeline -------------------------------------------------------------------------------------
async def test_actors_counts(client: httpx.AsyncClient, base_db: Path) -> None:
    body = (await client.get("/actors")).json()
    by_key = {a["key"]: a for a in body["items"]}
    events = oracle(base_db)
    for key, a in by_key.items():
        assert a["as_source"] == sum(1 for e in events if e["source"] and e["source"]["key"] == key)
        assert a["as_target"] == sum(1 for e in events if e["target"] and e["target"]["key"] == key)
        assert a["events"] == sum(1 for e in events if involves_key(e, key))
    assert by_key["RUS"]["name"] == "Russia" and by_key["RUS"]["country"] == "RUS"
    assert body["total"] == len(body["items"])
    counts = [a["events"] for a in body["items"]]
    assert counts == sorted(counts, reverse=True)


def involves_key(e: dict[str, Any], key: str) -> bool:
    return any(side and side.get("key") == key for side in (e.get("source"), e.get("target")))


async def test_actors_filters(client: httpx.AsyncClient) -> None:
    q = (await client.get("/actors", params={"q": "turk"})).json()["items"]  # in the name "Turkey"
    assert [a["key"] for a in q] == ["TUR"]
    by_key = (await client.get("/actors", params={"q": "idn"})).json()["items"]
    assert [a["key"] for a in by_key] == ["IDN"]
    late = {a["key"] for a in (await client.get("/actors", params={"since": "2024-05-01"})).json()["items"]}
    assert "RUS" in late and "IDN" not in late
    assert (await client.get("/actors", params={"until": "2024-02-30"})).status_code == 422


async def test_network(client: httpx.AsyncClient, base_db: Path) -> None:
    net = (await client.get("/network")).json()
    events = [e for e in oracle(base_db) if e["source"] and e["target"]]
    assert net["events"] == sum(e["count"] for e in net["edges"]) == len(events)
    edge = next(e for e in net["edges"] if (e["source"], e["target"]) == ("RUS", "UKR"))
    rus_ukr = [e for e in events if (e["source"]["key"], e["target"]["key"]) == ("RUS", "UKR")]
    assert edge["count"] == len(rus_ukr) and edge["types"] == {"ASSAULT": len(rus_ukr)}
    assert edge["mean_intensity"] == pytest.approx(sum(e["intensity"] for e in rus_ukr) / len(rus_ukr))
    nodes = {n["key"]: n for n in net["nodes"]}
    assert {e["source"] for e in net["edges"]} | {e["target"] for e in net["edges"]} == set(nodes)
    assert nodes["RUS"]["name"] == "Russia" and nodes["RUS"]["events"] >= edge["count"]
    assert not net["truncated"]


async def test_network_filters(client: httpx.AsyncClient) -> None:
    only = (await client.get("/network", params={"type": "ACCUSE"})).json()
    assert {(e["source"], e["target"]) for e in only["edges"]} == {("TUR", "ISR")}
    coop = (await client.get("/network", params={"quad": "material_cooperation"})).json()
    assert all(set(e["types"]) <= {"COOPERATE", "AID", "RETREAT"} for e in coop["edges"]) and coop["edges"]
    big = (await client.get("/network", params={"min_count": 100})).json()
    assert big["edges"] == [] and big["nodes"] == []
    top = (await client.get("/network", params={"limit": 1})).json()
    assert len(top["edges"]) == 1 and top["truncated"]
    assert (await client.get("/network", params={"min_count": 0})).status_code == 422


async def test_timeline(client: httpx.AsyncClient, base_db: Path) -> None:
    dated = [e for e in oracle(base_db) if e["date"]]
    day = (await client.get("/timeline")).json()
    assert day["interval"] == "day" and day["by"] == "quad"
    assert sum(b["total"] for b in day["buckets"]) == len(dated)
    assert day["undated"] == len(oracle(base_db)) - len(dated)
    assert {b["period"] for b in day["buckets"]} == {e["date"] for e in dated}
    week = (await client.get("/timeline", params={"interval": "week"})).json()
    assert sum(b["total"] for b in week["buckets"]) == len(dated)
    import datetime as dt

    assert all(dt.date.fromisoformat(b["period"]).weekday() == 0 for b in week["buckets"])  # Mondays
    month = (await client.get("/timeline", params={"interval": "month"})).json()
    assert all(b["period"].endswith("-01") for b in month["buckets"])
    by_type = (await client.get("/timeline", params={"by": "type"})).json()
    assert set(by_type["keys"]) == {e["type"] for e in dated}
    dyad = (await client.get("/timeline", params={"dyad": "RUS,UKR", "by": "type"})).json()
    assert dyad["keys"] == ["ASSAULT"]
    assert (await client.get("/timeline", params={"interval": "year"})).status_code == 422
    assert (await client.get("/timeline", params={"by": "actor"})).status_code == 422


# -- /documents ------------------------------------------------------------------------------------------------------
async def test_document_by_id_and_hash_with_highlights(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/documents/a.txt")).json()
    assert doc["doc_id"] == "a.txt" and doc["version"] == 1 and doc["text"].startswith("Russia attacked Ukraine")
    same = (await client.get(f"/documents/{doc['hash']}")).json()
    assert same == doc
    assert doc["events"] and len(doc["sentences"]) >= 2
    text = doc["text"]
    for item in doc["events"]:
        ev, marks = item["event"], {h["kind"]: h for h in item["highlights"]}
        assert {"sentence", "evidence", "source"} <= set(marks)
        src = marks["source"]
        assert text[src["start"]:src["end"]] == ev["source"]["text"]
        assert text[marks["evidence"]["start"]:marks["evidence"]["end"]] == ev["evidence"]["text"]
        if ev["target"] and ev["target"]["start"] is not None:
            assert text[marks["target"]["start"]:marks["target"]["end"]] == ev["target"]["text"]
        sent = marks["sentence"]
        assert sent["start"] <= marks["evidence"]["start"] < marks["evidence"]["end"] <= sent["end"]
    # hypothetical and negated events are listed too, flagged, so the reader sees everything the text gave
    assert any(item["event"]["negated"] for item in doc["events"])


async def test_document_versions(client: httpx.AsyncClient, base_db: Path) -> None:
    newest = (await client.get("/documents/b.txt")).json()
    assert newest["version"] == 2 and [v["version"] for v in newest["versions"]] == [1, 2]
    old = (await client.get(f"/documents/{newest['versions'][0]['hash']}")).json()
    assert old["version"] == 1 and "Selasa" in old["text"]


async def test_document_404(client: httpx.AsyncClient) -> None:
    r = await client.get("/documents/nothing-here.txt")
    assert r.status_code == 404 and r.json()["detail"].startswith("E114")


async def test_document_with_script_is_returned_as_plain_text(client: httpx.AsyncClient) -> None:
    r = await client.get("/documents/c.txt")
    assert r.headers["content-type"].startswith("application/json")
    assert SCRIPT in r.json()["text"]  # verbatim: the client inserts it as text
    assert "<script>" not in r.text.replace(SCRIPT, "")  # and nowhere else as markup
    assert json.loads(r.text)["text"].count(SCRIPT) == 1


def test_indexes_created_at_start_up(app: FastAPI, base_db: Path) -> None:
    names = {r[0] for r in db_rows(base_db, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_date", "serve_events_dyad", "serve_events_quad_date", "serve_events_latlon"} <= names
    plan = " ".join(str(r) for r in db_rows(
        base_db, "EXPLAIN QUERY PLAN SELECT id FROM events WHERE quad = 'material_conflict' AND date >= '2024-01-01'"))
    assert "INDEX" in plan
