"""Schemathesis hooks for scripts/check-openapi.sh (loaded through SCHEMATHESIS_HOOKS).

Pagination cursors are opaque tokens that are only valid when this server issued them for the
same list: the OpenAPI document can only say "a string", and by design (see the Cursor parameter)
any string the server did not issue is refused with 400. So a schema-valid but invented cursor is
not a valid request, and positive tests that carry one would fail the positive_data_acceptance
check for a reason that is not a bug.

The same holds for the `council` query filter: any string fits its schema, but by design a
council that does not exist is a 400 (a misspelt filter must not look like "no decisions"), and
only the data can say which councils exist. (In a path, an unknown council is a 404, which the
check already allows.)

And for date ranges: decided_to before decided_from is a 400 (a range that ends before it starts
is a mistake, not a question), a rule between two parameters that a schema cannot state.

Rather than turn that check off, positive test cases get a cursor the server really issued for
the same path and filters (the next_cursor of a one-item first page), so second pages are tested
too; when that list has no second page the cursor is left out. A `council` filter naming no
council is replaced by a council that exists, and an inverted date range is put the right way round. Negative cases are left alone: they expect a 4xx
anyway. Malformed and foreign cursors and unknown councils are covered by the Swift integration
tests.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
import zlib

import schemathesis
from schemathesis import GenerationMode

BASE_URL = os.environ["COUNCIL_API_URL"].rstrip("/")
_issued: dict[str, str | None] = {}


def _get_json(url: str):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"}), timeout=10) as response:
        return json.load(response)


_councils: list[str] = []


def _known_councils() -> list[str]:
    """Every council's id and GSS code, in the API's order."""
    if not _councils:
        cursor = None
        while True:
            page = _get_json(f"{BASE_URL}/v1/councils?limit=100" + (f"&cursor={cursor}" if cursor else ""))
            _councils.extend(key for council in page["items"] for key in (council["id"], council["gss_code"]))
            cursor = page["next_cursor"]
            if cursor is None:
                break
    return _councils


def _issued_cursor(path: str, query: dict) -> str | None:
    """The next_cursor of the first page of `path` with `query`'s filters and limit=1, or None."""
    filters = {k: v for k, v in query.items() if k not in ("cursor", "limit", "format")}
    url = f"{BASE_URL}{path}?{urllib.parse.urlencode(dict(filters, limit=1), doseq=True)}"
    if url not in _issued:
        try:
            _issued[url] = _get_json(url).get("next_cursor")
        except (urllib.error.URLError, ValueError, AttributeError):
            _issued[url] = None
    return _issued[url]


@schemathesis.hook
def map_case(context, case):
    if case.method.upper() != "GET" or not isinstance(case.query, dict):
        return case
    if case.meta is not None and case.meta.generation.mode != GenerationMode.POSITIVE:
        return case
    council = case.query.get("council")
    if isinstance(council, str) and council not in _known_councils():
        known = _known_councils()
        case.query["council"] = known[zlib.crc32(council.encode()) % len(known)]
    start, end = case.query.get("decided_from"), case.query.get("decided_to")
    if isinstance(start, str) and isinstance(end, str) and end < start:
        case.query["decided_from"], case.query["decided_to"] = end, start
    if "cursor" in case.query:
        cursor = _issued_cursor(case.formatted_path, case.query)
        if cursor is None:
            del case.query["cursor"]
        else:
            case.query["cursor"] = cursor
    return case
