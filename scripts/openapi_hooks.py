"""Schemathesis hooks for scripts/check-openapi.sh (loaded through SCHEMATHESIS_HOOKS).

Schemathesis's positive_data_acceptance check says that every request its schema allows must be
accepted. Some rules of this API cannot be written in a schema, so a schema-valid request can
still be rightly refused:

- Pagination cursors are opaque tokens, valid only when this server issued them for the same list
  (a cursor it did not issue is a 400, as the Cursor parameter says); the schema can only say
  "a string".
- The `council` query filter must name a council that exists (an unknown one is a 400: a misspelt
  filter must not look like "no decisions"); only the data knows which exist. In a path an
  unknown council is a 404, which the check already allows.
- decided_to must not be before decided_from (400), a rule between two parameters.
- Writes (once routed): a body's council must exist (422), a PUT body must name the record of its
  path (422; valid cases leave the members the path decides out, as the Replacement schemas allow),
  an annual letter must not be published before its year starts (422), a decision's fields must agree with its outcome (422), and an Idempotency-Key reused
  with another body is refused (422).

Rather than turn the check off, valid (positive) cases are made to keep those rules: they get a
cursor the server really issued for the same path and filters (so second pages are tested too;
without a second page the cursor is left out), existing councils, ranges the right way round,
consistent write bodies and a fresh Idempotency-Key. Negative cases are left alone: they expect a
4xx anyway. Bad cursors, unknown councils and inverted ranges are covered by the Swift tests.
"""

from __future__ import annotations

import datetime
import json
import os
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zlib

import schemathesis
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import CoverageScenario

BASE_URL = os.environ["COUNCIL_API_URL"].rstrip("/")
_councils: list[dict] = []


def _get_json(url: str):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def _known_councils() -> list[dict]:
    """Every council on record, as listed after the last write that stored a council."""
    if not _councils:
        cursor = None
        while True:
            page = _get_json(f"{BASE_URL}/v1/councils?limit=100" + (f"&cursor={cursor}" if cursor else ""))
            _councils.extend(page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                break
    return _councils


def _existing(value: str, keys: tuple[str, ...]) -> str | None:
    """`value` when a known council has it as one of `keys`, else a known council's first key,
    chosen from the value so that a run is reproducible; None when there are no councils."""
    councils = _known_councils()
    if not councils:
        return None
    if any(council[key] == value for council in councils for key in keys):
        return value
    return councils[zlib.crc32(value.encode()) % len(councils)][keys[0]]


def _issued_cursor(path: str, query: dict) -> str | None:
    """The next_cursor of the first page of `path` with `query`'s filters and limit=1, or None.

    Asked afresh for every case, not cached: the run itself writes and deletes records (a
    council's populations and letters among them), and a cursor naming a deleted item of such a
    list is rightly refused."""
    filters = {k: v for k, v in query.items() if k not in ("cursor", "limit", "format")}
    url = f"{BASE_URL}{path}?{urllib.parse.urlencode(dict(filters, limit=1), doseq=True)}"
    try:
        return _get_json(url).get("next_cursor")
    except (urllib.error.URLError, ValueError, AttributeError):
        return None


def _keep_query_rules(case) -> None:
    query = case.query
    if isinstance(query.get("council"), str):
        council = _existing(query["council"], ("id", "gss_code"))
        if council is None:
            del query["council"]
        else:
            query["council"] = council
    start, end = query.get("decided_from"), query.get("decided_to")
    if isinstance(start, str) and isinstance(end, str) and end < start:
        query["decided_from"], query["decided_to"] = end, start
    if "cursor" in query and case.method.upper() == "GET":
        cursor = _issued_cursor(case.formatted_path, query)
        if cursor is None:
            del query["cursor"]
        else:
            query["cursor"] = cursor


def _keep_body_rules(case) -> None:
    body = case.body
    # Path values reach the hook percent-encoded ("23%20008%20737"); the body holds them decoded.
    path = {key: urllib.parse.unquote(str(value)) for key, value in (case.path_parameters or {}).items()}
    if isinstance(body.get("council"), str):
        body["council"] = _existing(body["council"], ("id",)) or body["council"]
    if "reference" in path and "reference" in body:
        body["reference"] = path["reference"]
    if case.operation.path == "/v1/councils/{council}" and "council" in path and "id" in body:
        body["id"] = path["council"]
    if isinstance(body.get("outcome"), str):
        if body["outcome"] != "not_for_us":
            body.pop("not_for_us_reason", None)
        if body["outcome"] != "upheld":
            body.pop("remedy_before_ombudsman", None)
            body.pop("compliance", None)
    # Dates the API refuses for being in the future (decided, published): the schema has no "today".
    today = datetime.date.today().isoformat()
    for field in ("decided", "published", "received"):
        if isinstance(body.get(field), str) and len(body[field]) == 10 and body[field] > today:
            body[field] = "2024-06-30"
    received, decided = body.get("received"), body.get("decided")
    if isinstance(received, str) and isinstance(decided, str) and received > decided:
        body["received"], body["decided"] = decided, received
    # An annual letter is published once its year has started, which with "not in the future" makes
    # the latest year depend on today: a letter for a later year reports on the year of its date.
    published, year = body.get("published"), body.get("year")
    if case.operation.path == "/v1/annual-letters" and _is_date(published) and _is_year(year):
        if published < f"{year[:4]}-04-01":
            start = int(published[:4]) - (published[5:7] < "04")
            body["year"] = f"{start}-{(start + 1) % 100:02d}"


def _is_date(value) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[:4].isdigit() and value[5:7].isdigit()


def _is_year(value) -> bool:
    return isinstance(value, str) and len(value) == 7 and value[:4].isdigit()


_VISIBLE_ASCII = set(range(0x21, 0x7F))


def _is_valid_key(value) -> bool:
    return isinstance(value, str) and 1 <= len(value) <= 255 and all(ord(c) in _VISIBLE_ASCII for c in value)


_uploads = 0


def _valid_upload(case) -> None:
    """A bulk body the API accepts: one decision with a fresh reference, in the case's media type.
    The schema can only say "a string"; any other string is rightly a 422."""
    global _uploads
    _uploads += 1
    reference = f"99{_uploads:06d}"
    council = _existing("knowsley", ("id",)) or "knowsley"
    if "csv" in (case.media_type or ""):
        case.body = f"reference,council,decided,category,outcome\n{reference},{council},2024-06-30,Education,upheld\n"
    else:
        case.body = json.dumps({"reference": reference, "council": council, "decided": "2024-06-30",
                                "category": "Education", "outcome": "upheld"}) + "\n"


# PUT to a record's own URL: the body members its path decides (RecordResource.pathMembers).
_PATH_DECIDED = {
    "/v1/reports/{id}": ("id",),
    "/v1/service-improvements/{reference}": ("reference",),
    "/v1/councils/{council}/annual-letters/{year}": ("council", "year"),
    "/v1/published-averages/{year}/{council_type}/{metric}": ("year", "council_type", "metric"),
    "/v1/councils/{council}/populations/{calendar_year}": ("year",),
}
_LETTER = "/v1/councils/{council}/annual-letters/{year}"
_AVERAGE = "/v1/published-averages/{year}/{council_type}/{metric}"


def _is_positive(case) -> bool:
    return case.meta is None or case.meta.generation.mode == GenerationMode.POSITIVE


def _let_the_path_decide(case) -> None:
    """A valid PUT body leaves out what its URL decides (a different value is rightly a 422), and
    keeps the rules that then hang on the path: a rate (any metric but upheld_per_100k) is a
    fraction up to 1, and a letter is published on or after the 1 April its year starts and not
    in the future (422 otherwise), so a letter for a year not yet begun moves to this year. The
    path is edited before the request is built from it."""
    for member in _PATH_DECIDED.get(case.operation.path, ()):
        case.body.pop(member, None)
    path = case.path_parameters if isinstance(case.path_parameters, dict) else {}
    if case.operation.path == _AVERAGE and path.get("metric") != "upheld_per_100k":
        value = case.body.get("value")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 1:
            case.body["value"] = 0.5
    if case.operation.path != _LETTER:
        return
    year = urllib.parse.unquote(str(path.get("year", "")))
    if not _is_year(year):
        return
    today = datetime.date.today()
    this_year = today.year - (today.month < 4)
    start = int(year[:4])
    if start > this_year:
        start = this_year
        path["year"] = f"{start}-{(start + 1) % 100:02d}"
    published = case.body.get("published")
    if _is_date(published) and published < f"{start}-04-01":
        case.body["published"] = f"{start}-04-01"


@schemathesis.hook
def map_case(context, case):
    if case.meta is not None and case.meta.generation.mode != GenerationMode.POSITIVE:
        return case
    if isinstance(case.query, dict):
        _keep_query_rules(case)
    if case.operation.path == "/v1/complaints/bulk" and case.method.upper() == "POST":
        _valid_upload(case)
    return case


def _drops_a_header(case) -> bool:
    """Whether the case tests a missing required header (such as Authorization). Its headers are
    left untouched: schemathesis revalidates a case whose headers a hook edits, and since the
    token is not a declared parameter it would then call the case valid, send the configured
    Authorization after all and report the 2xx as a missing header accepted."""
    meta = case.meta
    data = getattr(getattr(meta, "phase", None), "data", None)
    return (
        getattr(data, "scenario", None) == CoverageScenario.MISSING_PARAMETER
        and getattr(data, "parameter_location", None) == ParameterLocation.HEADER
    )


def _fresh_keys(headers) -> None:
    for name in list(headers or {}):
        if name.lower() == "idempotency-key" and _is_valid_key(headers[name]):
            headers[name] = str(uuid.uuid4())


@schemathesis.hook
def before_call(context, case, kwargs):
    """Applied to every request of every phase (map_case is not run for all of them)."""
    # Rules between fields and against the data hold for every case: a negative case is invalid
    # for a reason of its schema, which these changes keep.
    if isinstance(case.body, dict):
        _keep_body_rules(case)
        if case.method.upper() == "PUT" and _is_positive(case):
            _let_the_path_decide(case)
    # A key is a promise about one request; reusing one across different generated requests is
    # rightly a 422 (tested in Swift). Valid keys are made unique; invalid ones stay invalid.
    if case.headers is not None and not _drops_a_header(case):
        _fresh_keys(case.headers)
    if isinstance(kwargs, dict) and kwargs.get("headers") is not None:
        _fresh_keys(kwargs["headers"])


_COUNCIL_WRITES = {("POST", "/v1/councils"), ("PUT", "/v1/councils/{council}"), ("DELETE", "/v1/councils/{council}")}


@schemathesis.hook
def after_call(context, case, response):
    """A stored council may have taken another's place (same GSS code, new id: the old id is gone),
    and a deleted one is gone, so the councils are listed again before the next case needs one."""
    if (case.method.upper(), case.operation.path) in _COUNCIL_WRITES and 200 <= response.status_code < 300:
        _councils.clear()
