-- council-api schema, version 1.
--
-- Every rule the domain states about a record is also a constraint here, so that no code path
-- (ingestion API, register import, demo loader, a hand-run sqlite3 session) can store a decision
-- the statistics would then misread. Dates are ISO 8601 `YYYY-MM-DD` text: they sort and compare
-- as dates, and `date(julianday(x)) IS x` refuses impossible days such as 2024-02-30 (plain `date(x)`
-- passes any day up to 31 through unchanged; `IS`, not `=`, because the julianday of month 13 is
-- NULL and a CHECK that yields NULL passes). Constraints are named so that a refusal reads
-- `CHECK constraint failed: remedy_only_when_upheld` and maps to a field.
--
-- Tables whose primary key is natural text (slugs, case references) are WITHOUT ROWID: lookups by
-- key need one B-tree, and every secondary index carries the key itself, which is what the keyset
-- pagination orders by as the last tie-breaker.
--
-- Foreign keys to councils cascade on UPDATE: a council is identified by its GSS code and upserted
-- by it, so when the register renames a slug the council's decisions follow the new id.

CREATE TABLE councils (
    id          TEXT NOT NULL PRIMARY KEY
                CONSTRAINT council_id_is_a_slug CHECK (length(id) BETWEEN 1 AND 100 AND id NOT GLOB '*[^a-z0-9.-]*'),
    name        TEXT NOT NULL CONSTRAINT name_not_blank CHECK (length(trim(name)) > 0),
    short_name  TEXT NOT NULL CONSTRAINT short_name_not_blank CHECK (length(trim(short_name)) > 0),
    -- Stored upper case (E08000011); the repository upper-cases before binding, so lookups are
    -- case-insensitive while the index stays a plain binary one.
    gss_code    TEXT NOT NULL UNIQUE
                CONSTRAINT gss_code_format CHECK (gss_code GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    type        TEXT NOT NULL
                CONSTRAINT council_type_known CHECK (type IN ('county', 'district', 'metropolitan_borough', 'unitary', 'london_borough')),
    -- NOCASE so that `?region=north west` finds `North West` through councils_by_region.
    region      TEXT COLLATE NOCASE CONSTRAINT region_not_blank CHECK (region IS NULL OR length(trim(region)) > 0),
    is_demo     INTEGER NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1))
) STRICT, WITHOUT ROWID;

-- Serves `GET /councils?type=` in id order, and the comparison group of a type: the statistics
-- walk the councils of one type here and join each one's decisions through
-- complaints_statistics.
CREATE INDEX councils_by_type ON councils (type, id);

-- Serves `GET /councils?region=` in id order.
CREATE INDEX councils_by_region ON councils (region, id);

CREATE TABLE populations (
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    year        INTEGER NOT NULL CONSTRAINT population_year_range CHECK (year BETWEEN 1900 AND 9999),
    population  INTEGER NOT NULL CONSTRAINT population_positive CHECK (population > 0),
    -- Where the figure came from, e.g. `ons-mid-2020`.
    source      TEXT NOT NULL CONSTRAINT population_source_not_blank CHECK (length(trim(source)) > 0),
    PRIMARY KEY (council_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE complaints (
    -- Normal form: eight digits, no separators.
    reference   TEXT NOT NULL PRIMARY KEY
                CONSTRAINT reference_is_eight_digits CHECK (length(reference) = 8 AND reference NOT GLOB '*[^0-9]*'),
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    received    TEXT CONSTRAINT received_is_a_date CHECK (received IS NULL OR (
                    received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                    AND received >= '0001-01-01' AND date(julianday(received)) IS received)),
    decided     TEXT NOT NULL CONSTRAINT decided_is_a_date CHECK (
                    decided GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                    AND decided >= '0001-01-01' AND date(julianday(decided)) IS decided),
    -- NOCASE so that `?category=housing` finds `Housing` and still uses the index.
    category    TEXT NOT NULL COLLATE NOCASE CONSTRAINT category_not_blank CHECK (length(trim(category)) > 0),
    subcategory TEXT COLLATE NOCASE
                CONSTRAINT subcategory_not_blank CHECK (subcategory IS NULL OR length(trim(subcategory)) > 0),
    outcome     TEXT NOT NULL
                CONSTRAINT outcome_known CHECK (outcome IN ('not_for_us', 'assessed_and_closed', 'upheld', 'not_upheld')),
    -- Only a complaint that was not for the Ombudsman has a reason for it.
    not_for_us_reason TEXT CONSTRAINT reason_only_when_not_for_us CHECK (not_for_us_reason IS NULL OR (
                    outcome = 'not_for_us' AND not_for_us_reason IN (
                        'premature', 'advice_given', 'referred_back', 'incomplete_or_invalid',
                        'out_of_jurisdiction'))),
    -- Upheld only: the council had already put things right before the Ombudsman was involved.
    remedy_before_ombudsman INTEGER CONSTRAINT remedy_only_when_upheld CHECK (remedy_before_ombudsman IS NULL OR (
                    outcome = 'upheld' AND remedy_before_ombudsman IN (0, 1))),
    -- Upheld only; NULL until a compliance outcome is recorded.
    compliance  TEXT CONSTRAINT compliance_only_when_upheld CHECK (compliance IS NULL OR (
                    outcome = 'upheld' AND compliance IN ('complied', 'not_complied'))),
    is_demo     INTEGER NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1)),
    CONSTRAINT decided_not_before_received CHECK (received IS NULL OR received <= decided)
) STRICT, WITHOUT ROWID;

-- Serves the statistics of one council-year (`decided BETWEEN 1 April AND 31 March`), a council's
-- history (every year, grouped), and its latest year (max(decided)). Covering: the tally reads
-- outcome, remedy and compliance from the index alone and never touches the table.
CREATE INDEX complaints_statistics
    ON complaints (council_id, decided, outcome, remedy_before_ombudsman, compliance);

-- Serves `GET /complaints` with no council filter (optionally a year or date range), newest first
-- with the keyset `(decided, reference) < (?, ?)`, and the list of years on record.
CREATE INDEX complaints_by_decided ON complaints (decided, reference);

-- Serves `GET /councils/{id}/complaints` (and `?council=`) newest first with the same keyset.
CREATE INDEX complaints_by_council ON complaints (council_id, decided, reference);

-- Serve `?category=` and `?subcategory=` newest first with the same keyset. Separate indexes
-- rather than one on (category, subcategory, ...): with subcategory in between, a category-only
-- filter could not read rows in date order and would sort the whole category.
CREATE INDEX complaints_by_category ON complaints (category, decided, reference);
CREATE INDEX complaints_by_subcategory ON complaints (subcategory, decided, reference);

-- Serves `?outcome=` across all councils newest first with the same keyset.
CREATE INDEX complaints_by_outcome ON complaints (outcome, decided, reference);

CREATE TABLE reports (
    id          TEXT NOT NULL PRIMARY KEY
                CONSTRAINT report_id_is_a_slug CHECK (length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9._-]*'),
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    title       TEXT NOT NULL CONSTRAINT title_not_blank CHECK (length(trim(title)) > 0),
    summary     TEXT NOT NULL,
    published   TEXT NOT NULL CONSTRAINT published_is_a_date CHECK (
                    published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                    AND published >= '0001-01-01' AND date(julianday(published)) IS published),
    reference   TEXT CONSTRAINT reference_is_eight_digits
                CHECK (reference IS NULL OR (length(reference) = 8 AND reference NOT GLOB '*[^0-9]*')),
    url         TEXT CONSTRAINT url_not_blank CHECK (url IS NULL OR length(url) > 0),
    is_demo     INTEGER NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1))
) STRICT, WITHOUT ROWID;

-- Serves a council's reports published in [as_of - 10 years, as_of], newest first, keyset
-- `(published, id) < (?, ?)`.
CREATE INDEX reports_by_council ON reports (council_id, published, id);

-- Serves the same list across all councils.
CREATE INDEX reports_by_published ON reports (published, id);

CREATE TABLE service_improvements (
    reference   TEXT NOT NULL PRIMARY KEY
                CONSTRAINT reference_is_eight_digits CHECK (length(reference) = 8 AND reference NOT GLOB '*[^0-9]*'),
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    category    TEXT NOT NULL CONSTRAINT category_not_blank CHECK (length(trim(category)) > 0),
    subcategory TEXT CONSTRAINT subcategory_not_blank CHECK (subcategory IS NULL OR length(trim(subcategory)) > 0),
    decided     TEXT NOT NULL CONSTRAINT decided_is_a_date CHECK (
                    decided GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                    AND decided >= '0001-01-01' AND date(julianday(decided)) IS decided),
    -- Published five years after a decision, ten after a report.
    source      TEXT NOT NULL CONSTRAINT improvement_source_known CHECK (source IN ('decision', 'report')),
    is_demo     INTEGER NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1))
) STRICT, WITHOUT ROWID;

-- Serves a council's improvements newest first (`decided DESC, reference DESC`) with the keyset
-- `(decided, reference) < (?, ?)`; the publication window is a range on `decided`.
CREATE INDEX service_improvements_by_council ON service_improvements (council_id, decided, reference);

-- Serves the same list across all councils.
CREATE INDEX service_improvements_by_decided ON service_improvements (decided, reference);

CREATE TABLE service_improvement_actions (
    reference   TEXT NOT NULL REFERENCES service_improvements (reference) ON DELETE CASCADE,
    -- 0-based order in which the actions were agreed.
    position    INTEGER NOT NULL CONSTRAINT position_not_negative CHECK (position >= 0),
    text        TEXT NOT NULL CONSTRAINT action_not_blank CHECK (length(trim(text)) > 0),
    PRIMARY KEY (reference, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE annual_letters (
    council_id  TEXT NOT NULL REFERENCES councils (id) ON UPDATE CASCADE,
    -- The financial year by the calendar year it starts in (2024 for 2024-25).
    year        INTEGER NOT NULL CONSTRAINT financial_year_range CHECK (year BETWEEN 1900 AND 9998),
    published   TEXT NOT NULL CONSTRAINT published_is_a_date CHECK (
                    published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                    AND published >= '0001-01-01' AND date(julianday(published)) IS published),
    url         TEXT CONSTRAINT url_not_blank CHECK (url IS NULL OR length(url) > 0),
    text        TEXT,
    is_demo     INTEGER NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1)),
    PRIMARY KEY (council_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE published_averages (
    -- The financial year by the calendar year it starts in.
    year         INTEGER NOT NULL CONSTRAINT financial_year_range CHECK (year BETWEEN 1900 AND 9998),
    council_type TEXT NOT NULL
                 CONSTRAINT council_type_known CHECK (council_type IN ('county', 'district', 'metropolitan_borough', 'unitary', 'london_borough')),
    metric       TEXT NOT NULL
                 CONSTRAINT metric_known CHECK (metric IN ('upheld_rate', 'upheld_per_100k', 'remedy_rate', 'compliance_rate')),
    -- Rates are fractions (0.81); the per-100k figure is a count and may exceed 1.
    value        REAL NOT NULL
                 CONSTRAINT value_in_range CHECK (value >= 0 AND (metric = 'upheld_per_100k' OR value <= 1)),
    is_demo      INTEGER NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1)),
    PRIMARY KEY (year, council_type, metric)
) STRICT, WITHOUT ROWID;
