-- council-api schema for PostgreSQL, version 1: the same tables, columns, names and rules as
-- ../0001_initial.sql (SQLite), so that the repositories' one SQL text serves both engines.
--
-- Where the engines differ, the rule is kept and only its spelling changes:
-- - Dates are `date`: PostgreSQL refuses impossible days itself, and a `date` column reads back
--   as ISO `YYYY-MM-DD` text (the store sets DateStyle = ISO), exactly what SQLite stores.
-- - Flags are `smallint` holding 0 or 1, as in SQLite, rather than `boolean`: the repositories
--   compare them with `= 1` and bind them as integers, and one spelling serves both engines.
-- - SQLite's GLOB patterns are anchored regular expressions.
-- - SQLite's `COLLATE NOCASE` (case-insensitive filters that still use their index) is the
--   nondeterministic ICU collation `nocase` below: `?category=housing` finds `Housing`.
-- - Constraints keep their names, so a refusal maps to the same field as on SQLite.
--
-- Foreign keys to councils cascade on UPDATE: a council is identified by its GSS code and upserted
-- by it, so when the register renames a slug the council's decisions follow the new id.

CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TABLE councils (
    id          TEXT NOT NULL PRIMARY KEY
                CONSTRAINT council_id_is_a_slug CHECK (length(id) BETWEEN 1 AND 100 AND id ~ '^[a-z0-9.-]+$'),
    name        TEXT NOT NULL CONSTRAINT name_not_blank CHECK (length(trim(name)) > 0),
    short_name  TEXT NOT NULL CONSTRAINT short_name_not_blank CHECK (length(trim(short_name)) > 0),
    -- Stored upper case (E08000011); the repository upper-cases before comparing.
    gss_code    TEXT NOT NULL UNIQUE
                CONSTRAINT gss_code_format CHECK (gss_code ~ '^[A-Z][0-9]{8}$'),
    type        TEXT NOT NULL
                CONSTRAINT council_type_known CHECK (type IN ('county', 'district', 'metropolitan_borough', 'unitary', 'london_borough')),
    region      TEXT COLLATE nocase CONSTRAINT region_not_blank CHECK (region IS NULL OR length(trim(region)) > 0),
    is_demo     SMALLINT NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1))
);

-- Serves `GET /councils?type=` in id order, and the comparison group of a type.
CREATE INDEX councils_by_type ON councils (type, id);

-- Serves `GET /councils?region=` in id order.
CREATE INDEX councils_by_region ON councils (region, id);

CREATE TABLE populations (
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    year        INTEGER NOT NULL CONSTRAINT population_year_range CHECK (year BETWEEN 1900 AND 9999),
    population  BIGINT NOT NULL CONSTRAINT population_positive CHECK (population > 0),
    -- Where the figure came from, e.g. `ons-mid-2020`.
    source      TEXT NOT NULL CONSTRAINT population_source_not_blank CHECK (length(trim(source)) > 0),
    PRIMARY KEY (council_id, year)
);

CREATE TABLE complaints (
    -- Normal form: eight digits, no separators.
    reference   TEXT NOT NULL PRIMARY KEY
                CONSTRAINT reference_is_eight_digits CHECK (reference ~ '^[0-9]{8}$'),
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    received    DATE CONSTRAINT received_is_a_date CHECK (received IS NULL OR received >= DATE '0001-01-01'),
    decided     DATE NOT NULL CONSTRAINT decided_is_a_date CHECK (decided >= DATE '0001-01-01'),
    category    TEXT COLLATE nocase NOT NULL CONSTRAINT category_not_blank CHECK (length(trim(category)) > 0),
    subcategory TEXT COLLATE nocase
                CONSTRAINT subcategory_not_blank CHECK (subcategory IS NULL OR length(trim(subcategory)) > 0),
    outcome     TEXT NOT NULL
                CONSTRAINT outcome_known CHECK (outcome IN ('not_for_us', 'assessed_and_closed', 'upheld', 'not_upheld')),
    -- Only a complaint that was not for the Ombudsman has a reason for it.
    not_for_us_reason TEXT CONSTRAINT reason_only_when_not_for_us CHECK (not_for_us_reason IS NULL OR (
                    outcome = 'not_for_us' AND not_for_us_reason IN (
                        'premature', 'advice_given', 'referred_back', 'incomplete_or_invalid',
                        'out_of_jurisdiction'))),
    -- Upheld only: the council had already put things right before the Ombudsman was involved.
    remedy_before_ombudsman SMALLINT CONSTRAINT remedy_only_when_upheld CHECK (remedy_before_ombudsman IS NULL OR (
                    outcome = 'upheld' AND remedy_before_ombudsman IN (0, 1))),
    -- Upheld only; NULL until a compliance outcome is recorded.
    compliance  TEXT CONSTRAINT compliance_only_when_upheld CHECK (compliance IS NULL OR (
                    outcome = 'upheld' AND compliance IN ('complied', 'not_complied'))),
    is_demo     SMALLINT NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1)),
    CONSTRAINT decided_not_before_received CHECK (received IS NULL OR received <= decided)
);

-- Serves the statistics of one council-year, a council's history and its latest year. Covering
-- (an index-only scan once the visibility map is set, which autovacuum keeps up).
CREATE INDEX complaints_statistics
    ON complaints (council_id, decided, outcome, remedy_before_ombudsman, compliance);

-- Serves `GET /complaints` with no council filter newest first with the keyset, and the years.
CREATE INDEX complaints_by_decided ON complaints (decided, reference);

-- Serves `GET /councils/{id}/complaints` (and `?council=`) newest first with the same keyset.
CREATE INDEX complaints_by_council ON complaints (council_id, decided, reference);

-- Serve `?category=` and `?subcategory=` newest first with the same keyset.
CREATE INDEX complaints_by_category ON complaints (category, decided, reference);
CREATE INDEX complaints_by_subcategory ON complaints (subcategory, decided, reference);

-- Serves `?outcome=` across all councils newest first with the same keyset.
CREATE INDEX complaints_by_outcome ON complaints (outcome, decided, reference);

CREATE TABLE reports (
    id          TEXT NOT NULL PRIMARY KEY
                CONSTRAINT report_id_is_a_slug CHECK (length(id) BETWEEN 1 AND 200 AND id ~ '^[a-z0-9._-]+$'),
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    title       TEXT NOT NULL CONSTRAINT title_not_blank CHECK (length(trim(title)) > 0),
    summary     TEXT NOT NULL,
    published   DATE NOT NULL CONSTRAINT published_is_a_date CHECK (published >= DATE '0001-01-01'),
    reference   TEXT CONSTRAINT reference_is_eight_digits CHECK (reference IS NULL OR reference ~ '^[0-9]{8}$'),
    url         TEXT CONSTRAINT url_not_blank CHECK (url IS NULL OR length(url) > 0),
    is_demo     SMALLINT NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1))
);

-- Serves a council's reports published in [as_of - 10 years, as_of], newest first.
CREATE INDEX reports_by_council ON reports (council_id, published, id);

-- Serves the same list across all councils.
CREATE INDEX reports_by_published ON reports (published, id);

CREATE TABLE service_improvements (
    reference   TEXT NOT NULL PRIMARY KEY
                CONSTRAINT reference_is_eight_digits CHECK (reference ~ '^[0-9]{8}$'),
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    category    TEXT NOT NULL CONSTRAINT category_not_blank CHECK (length(trim(category)) > 0),
    subcategory TEXT CONSTRAINT subcategory_not_blank CHECK (subcategory IS NULL OR length(trim(subcategory)) > 0),
    decided     DATE NOT NULL CONSTRAINT decided_is_a_date CHECK (decided >= DATE '0001-01-01'),
    -- Published five years after a decision, ten after a report.
    source      TEXT NOT NULL CONSTRAINT improvement_source_known CHECK (source IN ('decision', 'report')),
    is_demo     SMALLINT NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1))
);

-- Serves a council's improvements newest first with the keyset `(decided, reference) < (?, ?)`.
CREATE INDEX service_improvements_by_council ON service_improvements (council_id, decided, reference);

-- Serves the same list across all councils.
CREATE INDEX service_improvements_by_decided ON service_improvements (decided, reference);

CREATE TABLE service_improvement_actions (
    reference   TEXT NOT NULL REFERENCES service_improvements (reference) ON DELETE CASCADE,
    -- 0-based order in which the actions were agreed.
    position    INTEGER NOT NULL CONSTRAINT position_not_negative CHECK (position >= 0),
    text        TEXT NOT NULL CONSTRAINT action_not_blank CHECK (length(trim(text)) > 0),
    PRIMARY KEY (reference, position)
);

CREATE TABLE annual_letters (
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    -- The financial year by the calendar year it starts in (2024 for 2024-25).
    year        INTEGER NOT NULL CONSTRAINT financial_year_range CHECK (year BETWEEN 1900 AND 9998),
    published   DATE NOT NULL CONSTRAINT published_is_a_date CHECK (published >= DATE '0001-01-01'),
    url         TEXT CONSTRAINT url_not_blank CHECK (url IS NULL OR length(url) > 0),
    text        TEXT,
    is_demo     SMALLINT NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1)),
    PRIMARY KEY (council_id, year)
);

CREATE TABLE published_averages (
    -- The financial year by the calendar year it starts in.
    year         INTEGER NOT NULL CONSTRAINT financial_year_range CHECK (year BETWEEN 1900 AND 9998),
    council_type TEXT NOT NULL
                 CONSTRAINT council_type_known CHECK (council_type IN ('county', 'district', 'metropolitan_borough', 'unitary', 'london_borough')),
    metric       TEXT NOT NULL
                 CONSTRAINT metric_known CHECK (metric IN ('upheld_rate', 'upheld_per_100k', 'remedy_rate', 'compliance_rate')),
    -- Rates are fractions (0.81); the per-100k figure is a count and may exceed 1.
    value        DOUBLE PRECISION NOT NULL
                 CONSTRAINT value_in_range CHECK (value >= 0 AND (metric = 'upheld_per_100k' OR value <= 1)),
    is_demo      SMALLINT NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1)),
    PRIMARY KEY (year, council_type, metric)
);
