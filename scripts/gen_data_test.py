#!/usr/bin/env python3
"""Tests for scripts/gen-data. Run: python3 scripts/gen_data_test.py

Most tests run the script end to end on the real register (../shared/data beside the repository)
and check the files against the rules of POST /v1/complaints/bulk independently of the script's
own code. A few run on a small hand-written register, and two check the building blocks directly.
"""

import collections
import csv
import datetime
import importlib.machinery
import importlib.util
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "gen-data")


def load_module():
    loader = importlib.machinery.SourceFileLoader("gen_data", SCRIPT)
    spec = importlib.util.spec_from_loader("gen_data", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


GEN = load_module()
REGISTER = GEN.default_register()
HAVE_REGISTER = os.path.isfile(REGISTER)

FIELDS = ["reference", "council", "received", "decided", "category", "subcategory", "outcome",
          "not_for_us_reason", "remedy_before_ombudsman", "compliance"]
REQUIRED = {"reference", "council", "decided", "category", "subcategory", "outcome"}
OUTCOMES = {"not_for_us", "assessed_and_closed", "upheld", "not_upheld"}
REASONS = {"premature", "advice_given", "referred_back", "incomplete_or_invalid", "out_of_jurisdiction"}
TOPICS = {
    "Adult care services": {"Assessment and care plan", "Charging", "Residential care",
                            "Domiciliary care", "Safeguarding", "Other"},
    "Children's care services": {"Child protection", "Looked after children",
                                 "Friends and family carers", "Disabled children"},
    "Education": {"Special educational needs", "School transport", "Admissions"},
    "Housing": {"Homelessness", "Allocations"},
    "Planning and development": {"Planning applications", "Enforcement"},
    "Environmental services": {"Refuse and recycling", "Noise"},
    "Highways and transport": {"Parking and other penalties", "Highway repair"},
    "Benefits and tax": {"Council tax", "Housing benefit"},
    "Corporate and other services": {"Complaint handling"},
}
FIRST_DECIDED = datetime.date(2015, 4, 1)
LAST_DECIDED = datetime.date(2025, 3, 31)
REFERENCE = re.compile(r"\d{2} \d{3} \d{3}")


def run(*args, check=True):
    result = subprocess.run([sys.executable, SCRIPT, *map(str, args)], capture_output=True)
    if check and result.returncode != 0:
        raise AssertionError(f"gen-data {args} failed ({result.returncode}): {result.stderr.decode()}")
    return result


def read_bytes(path):
    with open(path, "rb") as handle:
        return handle.read()


def read_ndjson(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return [json.loads(line) for line in handle]


def date(text):
    return datetime.date.fromisoformat(text)


def expected_councils():
    """id -> pop-2020 of the current English councils, read here without the script's code."""
    councils = {}
    with open(REGISTER, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["end-date"] or row["nation"] != "England":
                continue
            if row["local-authority-type"] not in ("CTY", "NMD", "MD", "UA", "LBO", "CC"):
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", row["gov-uk-slug"].lower()).strip("-")  # st.-helens -> st-helens
            if not slug:
                slug = re.sub(r"[^a-z0-9]+", "-", row["nice-name"].lower()).strip("-")
                slug = re.sub(r"-council$", "", slug)
            councils[slug] = int(float(row["pop-2020"]))
    return councils


def problems(record):
    """Every rule of the bulk endpoint this record breaks, as readable strings."""
    found = []
    keys = list(record)
    if keys != [field for field in FIELDS if field in record]:
        found.append(f"keys out of order: {keys}")
    if not REQUIRED.issubset(record):
        found.append(f"missing {REQUIRED - set(record)}")
        return found
    if set(record) - set(FIELDS):
        found.append(f"unknown keys {set(record) - set(FIELDS)}")
    if not REFERENCE.fullmatch(record["reference"]):
        found.append(f"reference {record['reference']!r}")
    decided = date(record["decided"])
    if not FIRST_DECIDED <= decided <= LAST_DECIDED:
        found.append(f"decided {decided} outside 2015-16..2024-25")
    if "received" in record:
        received = date(record["received"])
        if not 2 <= (decided - received).days <= 300:
            found.append(f"received {received} not 2-300 days before decided {decided}")
        if record["reference"][:2] != f"{received.year % 100:02d}":
            found.append(f"reference {record['reference']} not opened in {received.year}")
    if record["subcategory"] not in TOPICS.get(record["category"], ()):
        found.append(f"topic {record['category']} / {record['subcategory']}")
    outcome = record["outcome"]
    if outcome not in OUTCOMES:
        found.append(f"outcome {outcome}")
    if "not_for_us_reason" in record and (outcome != "not_for_us" or record["not_for_us_reason"] not in REASONS):
        found.append(f"reason {record['not_for_us_reason']} with {outcome}")
    if outcome == "upheld":
        if not isinstance(record.get("remedy_before_ombudsman"), bool):
            found.append("upheld without a boolean remedy_before_ombudsman")
        if record.get("compliance", "complied") not in ("complied", "not_complied"):
            found.append(f"compliance {record['compliance']}")
    else:
        for field in ("remedy_before_ombudsman", "compliance"):
            if field in record:
                found.append(f"{field} with {outcome}")
    return found


@unittest.skipUnless(HAVE_REGISTER, f"register not found at {REGISTER}")
class RealRegisterTests(unittest.TestCase):
    N = 20_000
    SEED = 11

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        run("--complaints", cls.N, "--seed", cls.SEED, "--out", cls.path("c.ndjson"),
            "--reports", cls.path("r.ndjson"), "--improvements", cls.path("i.ndjson"))
        cls.records = read_ndjson(cls.path("c.ndjson"))
        cls.reports = read_ndjson(cls.path("r.ndjson"))
        cls.improvements = read_ndjson(cls.path("i.ndjson"))
        cls.councils = expected_councils()

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    @classmethod
    def path(cls, name):
        return os.path.join(cls.directory.name, name)

    def test_register_has_the_317_current_english_councils(self):
        self.assertEqual(len(self.councils), 317)

    def test_writes_exactly_n_compact_lf_lines(self):
        raw = read_bytes(self.path("c.ndjson"))
        self.assertTrue(raw.endswith(b"\n"))
        self.assertNotIn(b"\r", raw)
        lines = raw.split(b"\n")[:-1]
        self.assertEqual(len(lines), self.N)
        for line in lines[:500]:
            record = json.loads(line)
            self.assertEqual(line, json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode())

    def test_every_record_follows_the_rules(self):
        broken = [(r, p) for r in self.records for p in [problems(r)] if p]
        self.assertEqual(broken[:5], [])

    def test_references_are_unique_and_spread_over_each_year(self):
        references = [r["reference"] for r in self.records]
        self.assertEqual(len(set(references)), len(references))
        numbers = collections.defaultdict(list)
        for reference in references:
            numbers[reference[:2]].append(int(reference[3:].replace(" ", "")))
        for year, values in numbers.items():
            if len(values) > 1000:
                self.assertTrue(min(values) < 100_000 and max(values) > 900_000, year)

    def test_references_stay_unique_at_scale(self):
        run("--complaints", 300_000, "--out", self.path("large.ndjson"))
        prefix = '{"reference":"'
        references = set()
        with open(self.path("large.ndjson"), encoding="utf-8") as handle:
            for count, line in enumerate(handle, start=1):
                self.assertTrue(line.startswith(prefix))
                references.add(line[len(prefix):len(prefix) + 10])
        self.assertEqual(count, 300_000)
        self.assertEqual(len(references), 300_000)

    def test_every_council_appears_and_no_other(self):
        used = {r["council"] for r in self.records}
        self.assertEqual(used, set(self.councils))
        for new_council in ("dorset", "north-yorkshire", "bournemouth-christchurch-and-poole", "st-helens"):
            self.assertIn(new_council, used)

    def test_counts_follow_population_by_largest_remainder(self):
        counts = collections.Counter(r["council"] for r in self.records)
        whole = sum(self.councils.values())
        quotas = {c: Fraction(self.N * pop, whole) for c, pop in self.councils.items()}
        for council, quota in quotas.items():
            self.assertIn(counts[council], (quota.numerator // quota.denominator,
                                            -(-quota.numerator // quota.denominator)), council)
        rounded_up = [quotas[c] % 1 for c in quotas if counts[c] > quotas[c]]
        rounded_down = [quotas[c] % 1 for c in quotas if counts[c] < quotas[c]]
        if rounded_up and rounded_down:
            self.assertGreaterEqual(min(rounded_up), max(rounded_down))
        self.assertGreater(counts["birmingham"], 20 * counts["rutland"])
        self.assertGreater(counts["rutland"], counts["isles-of-scilly"])

    def test_mix_of_outcomes_is_realistic(self):
        outcomes = collections.Counter(r["outcome"] for r in self.records)
        share = {k: v / self.N for k, v in outcomes.items()}
        self.assertAlmostEqual(share["not_for_us"], 0.35, delta=0.02)
        self.assertAlmostEqual(share["assessed_and_closed"], 0.50, delta=0.02)
        self.assertAlmostEqual(share["upheld"] + share["not_upheld"], 0.15, delta=0.015)
        self.assertTrue(0.70 <= outcomes["upheld"] / (outcomes["upheld"] + outcomes["not_upheld"]) <= 0.80)
        upheld = [r for r in self.records if r["outcome"] == "upheld"]
        remedied = sum(r["remedy_before_ombudsman"] for r in upheld) / len(upheld)
        self.assertAlmostEqual(remedied, 0.12, delta=0.03)
        recorded = [r for r in upheld if "compliance" in r]
        self.assertAlmostEqual(len(recorded) / len(upheld), 0.90, delta=0.03)
        self.assertGreater(sum(r["compliance"] == "complied" for r in recorded) / len(recorded), 0.97)
        with_received = sum("received" in r for r in self.records) / self.N
        self.assertTrue(0.97 <= with_received < 1, with_received)
        reasons = collections.Counter(r.get("not_for_us_reason") for r in self.records if r["outcome"] == "not_for_us")
        self.assertEqual(set(reasons) - {None}, REASONS)

    def test_every_reporting_year_and_category_is_used(self):
        years = {date(r["decided"]).year - (date(r["decided"]).month < 4) for r in self.records}
        self.assertEqual(years, set(range(2015, 2025)))
        topics = {(r["category"], r["subcategory"]) for r in self.records}
        self.assertEqual(topics, {(c, s) for c, subs in TOPICS.items() for s in subs})

    def test_districts_have_no_education_complaints_and_unitaries_do(self):
        districts = {"crawley", "adur"}
        self.assertFalse([r for r in self.records if r["council"] in districts and r["category"] == "Education"])
        self.assertTrue([r for r in self.records if r["council"] == "rutland" and r["category"] == "Education"])

    def test_same_arguments_give_identical_bytes_and_another_seed_differs(self):
        run("--complaints", self.N, "--seed", self.SEED, "--out", self.path("again.ndjson"))
        self.assertEqual(read_bytes(self.path("again.ndjson")), read_bytes(self.path("c.ndjson")))
        run("--complaints", self.N, "--seed", self.SEED + 1, "--out", self.path("other.ndjson"))
        self.assertNotEqual(read_bytes(self.path("other.ndjson")), read_bytes(self.path("c.ndjson")))
        run("--complaints", self.N, "--seed", self.SEED, "--out", self.path("c2.ndjson"),
            "--reports", self.path("r2.ndjson"), "--improvements", self.path("i2.ndjson"))
        for name in ("c", "r", "i"):
            self.assertEqual(read_bytes(self.path(f"{name}2.ndjson")), read_bytes(self.path(f"{name}.ndjson")))

    def test_csv_holds_the_same_records(self):
        run("--complaints", self.N, "--seed", self.SEED, "--csv", "--out", self.path("c.csv"))
        raw = read_bytes(self.path("c.csv"))
        self.assertNotIn(b"\r", raw)
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        self.assertEqual(rows[0], FIELDS)
        self.assertEqual(len(rows) - 1, self.N)
        for row, record in zip(rows[1:], self.records):
            expected = []
            for field in FIELDS:
                value = record.get(field)
                expected.append("" if value is None else ("true" if value is True else "false" if value is False else value))
            self.assertEqual(row, expected)

    def test_reports_are_about_upheld_cases_of_their_council(self):
        cases = {r["reference"]: r for r in self.records}
        self.assertTrue(self.N / 1000 <= len(self.reports) <= self.N / 250, len(self.reports))
        self.assertEqual(len({r["id"] for r in self.reports}), len(self.reports))
        for report in self.reports:
            self.assertEqual(list(report), ["id", "council", "title", "summary", "published", "reference"])
            case = cases[report["reference"]]
            self.assertEqual(case["outcome"], "upheld")
            self.assertEqual(case["council"], report["council"])
            folded = re.sub(r"[^a-z0-9]+", "-", report["council"]).strip("-")
            self.assertTrue(re.fullmatch(re.escape(f"rpt-{folded}-") + r"[1-9]\d*", report["id"]))
            self.assertTrue(re.fullmatch(r"[a-z0-9]+([._-][a-z0-9]+)*", report["id"]), report["id"])
            self.assertTrue(date(case["decided"]) <= date(report["published"]) <= LAST_DECIDED)
            self.assertTrue(report["title"].startswith("Synthetic: "))
            self.assertTrue(report["summary"].startswith("Synthetic: "))

    def test_improvements_are_about_upheld_cases(self):
        cases = {r["reference"]: r for r in self.records}
        reported = {r["reference"] for r in self.reports}
        upheld = sum(r["outcome"] == "upheld" for r in self.records)
        self.assertTrue(upheld / 80 <= len(self.improvements) <= upheld / 20, len(self.improvements))
        self.assertEqual(len({i["reference"] for i in self.improvements}), len(self.improvements))
        sources = collections.Counter()
        for improvement in self.improvements:
            self.assertEqual(list(improvement),
                             ["reference", "council", "category", "subcategory", "decided", "source", "actions"])
            case = cases[improvement["reference"]]
            self.assertEqual(case["outcome"], "upheld")
            for field in ("council", "category", "subcategory", "decided"):
                self.assertEqual(improvement[field], case[field])
            self.assertEqual(improvement["source"], "report" if case["reference"] in reported else "decision")
            sources[improvement["source"]] += 1
            self.assertTrue(1 <= len(improvement["actions"]) <= 3)
            self.assertEqual(len(set(improvement["actions"])), len(improvement["actions"]))
            for action in improvement["actions"]:
                self.assertTrue(action.startswith("Synthetic: The Council will "), action)
        self.assertEqual(set(sources), {"report", "decision"})

    def test_one_complaint_goes_to_the_largest_council(self):
        run("--complaints", 1, "--out", self.path("one.ndjson"))
        records = read_ndjson(self.path("one.ndjson"))
        self.assertEqual(len(records), 1)
        self.assertEqual(records[0]["council"], max(self.councils, key=self.councils.get))

    def test_standard_output(self):
        result = run("--complaints", 50, "--seed", 3, "--out", "-")
        run("--complaints", 50, "--seed", 3, "--out", self.path("fifty.ndjson"))
        self.assertEqual(result.stdout, read_bytes(self.path("fifty.ndjson")))


SMALL_REGISTER = """\
local-authority-code,nice-name,official-name,end-date,nation,local-authority-type,gov-uk-slug,pop-2020
AAA,Alpha,Alpha Council,,England,UA,alpha,300000.0
BBB,Beta,Beta District Council,,England,NMD,beta,100000.0
CCC,Gamma Council,Gamma Council,,England,UA,,50000.0
DDD,Delta,Delta County Council,,England,CTY,delta,600000.0
OLD,Old,Old Council,2019-03-31,England,NMD,old,90000.0
WAL,Wales,Wales Council,,Wales,WPA,wales,90000.0
CMB,Combined,Combined Authority,,England,COMB,combined,900000.0
NOP,No Population,No Population Council,,England,NMD,no-pop,
"""


class SmallRegisterTests(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)
        self.register = self.path("register.csv")
        with open(self.register, "w", encoding="utf-8") as handle:
            handle.write(SMALL_REGISTER)

    def path(self, name):
        return os.path.join(self.directory.name, name)

    def test_uses_only_current_english_councils_with_a_population(self):
        result = run("--complaints", 1050, "--register", self.register, "--out", self.path("c.ndjson"))
        counts = collections.Counter(r["council"] for r in read_ndjson(self.path("c.ndjson")))
        self.assertEqual(counts, {"delta": 600, "alpha": 300, "beta": 100, "gamma": 50})
        self.assertIn(b"skipped (No Population", result.stderr)

    def test_service_mix_follows_council_type(self):
        run("--complaints", 4000, "--register", self.register, "--out", self.path("c.ndjson"))
        by_council = collections.defaultdict(set)
        for record in read_ndjson(self.path("c.ndjson")):
            by_council[record["council"]].add(record["category"])
        self.assertNotIn("Education", by_council["beta"])
        self.assertNotIn("Housing", by_council["delta"])
        self.assertEqual(by_council["alpha"], set(TOPICS))

    def test_failed_arguments_exit_2_with_a_message(self):
        out = self.path("c.ndjson")
        cases = [
            (["--complaints", "0", "--out", out], b"at least 1"),
            (["--complaints", "-5", "--out", out], b"at least 1"),
            (["--complaints", "ten", "--out", out], b"not a whole number"),
            (["--complaints", "5000001", "--out", out], b"at most"),
            (["--complaints", "5", "--out", out, "--seed", "x"], b"not a whole number"),
            (["--out", out], b"--complaints"),
            (["--complaints", "5"], b"--out"),
            (["--complaints", "5", "--out", out, "--register", self.path("missing.csv")], b"cannot read register"),
            (["--complaints", "5", "--out", out, "--reports", out], b"different files"),
            (["--complaints", "5", "--out", out, "--bogus"], b"unrecognized"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                result = run(*args, check=False)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(message, result.stderr)
                self.assertFalse(os.path.exists(out))
                self.assertFalse(os.path.exists(out + ".tmp"))

    def test_register_without_councils_exits_2(self):
        empty = self.path("empty.csv")
        with open(empty, "w", encoding="utf-8") as handle:
            handle.write(SMALL_REGISTER.splitlines()[0] + "\n" + SMALL_REGISTER.splitlines()[6] + "\n")
        result = run("--complaints", 5, "--register", empty, "--out", self.path("c.ndjson"), check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"no current English councils", result.stderr)
        wrong = self.path("wrong.csv")
        with open(wrong, "w", encoding="utf-8") as handle:
            handle.write("a,b\n1,2\n")
        result = run("--complaints", 5, "--register", wrong, "--out", self.path("c.ndjson"), check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"lacks the columns", result.stderr)

    def test_unwritable_output_exits_1_and_leaves_nothing(self):
        out = self.path("missing-directory/c.ndjson")
        result = run("--complaints", 5, "--register", self.register, "--out", out, check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"gen-data: error", result.stderr)

    def test_help_documents_the_fields_and_options(self):
        result = run("--help")
        for word in FIELDS + ["--complaints", "--out", "--seed", "--register", "--reports", "--improvements",
                              "--csv", "2015-16", "2024-25", "largest remainder", "Synthetic", "Exit status"]:
            self.assertIn(word.encode(), result.stdout, word)


class BuildingBlockTests(unittest.TestCase):
    def test_reference_permutation_is_a_bijection(self):
        permute = GEN.ReferencePermutation([0x12345678, 0x9ABCDEF0, 0x0F1E2D3C, 0x4B5A6978])
        seen = bytearray(GEN.REFERENCE_DOMAIN)
        for value in range(GEN.REFERENCE_DOMAIN):
            image = permute(value)
            self.assertFalse(seen[image])
            seen[image] = 1
        self.assertEqual(sum(seen), GEN.REFERENCE_DOMAIN)
        self.assertNotEqual([permute(i) for i in range(5)], list(range(5)))

    def test_apportion_is_exact_and_within_one_of_each_quota(self):
        rng = random.Random(5)
        for _ in range(200):
            weights = [rng.randint(1, 10**6) for _ in range(rng.randint(1, 40))]
            total = rng.randint(1, 10**5)
            shares = GEN.apportion(total, weights)
            self.assertEqual(sum(shares), total)
            for share, weight in zip(shares, weights):
                quota = Fraction(total * weight, sum(weights))
                self.assertLess(abs(share - quota), 1)

    def test_fenwick_take_hands_out_exactly_the_counts(self):
        counts = [3, 0, 5, 1, 0, 2, 7]
        picker = GEN.Fenwick(counts)
        rng = random.Random(9)
        taken = collections.Counter(picker.take(rng.randrange(picker.total)) for _ in range(sum(counts)))
        self.assertEqual([taken[i] for i in range(len(counts))], counts)
        self.assertEqual(picker.total, 0)

    def test_slugify_for_rows_without_a_slug(self):
        self.assertEqual(GEN.slugify("Dorset Council"), "dorset")
        self.assertEqual(GEN.slugify("Bournemouth, Christchurch and Poole"), "bournemouth-christchurch-and-poole")


if __name__ == "__main__":
    unittest.main(verbosity=2)
