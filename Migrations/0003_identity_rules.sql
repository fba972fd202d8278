-- council-api schema, version 3: the identity CHECKs say exactly what `Domain` says.
--
-- Version 1's CHECKs were looser than the rules the API checks input with: a council id could be
-- any run of letters, digits, `.` and `-` (the register's `st.-helens`, `-a`, `a--b`, a GSS code
-- written in lower case), a GSS code could start with any capital letter, and a report id could
-- start, end or double up on its separators. Now each CHECK is `Domain`'s rule (`CouncilID`,
-- `GSSCode`, `ReportID`; the case reference CHECKs already were `CaseReference`'s normal form),
-- and `IdentityCheckConstraintTests` holds both engines to the table in `IdentityExamples`.
--
-- Rows that break the new rules:
-- - A council id is cleaned as `CouncilID.cleaned` does (runs of `.` and `-` become one hyphen,
--   none at either end: `st.-helens` -> `st-helens`); its records follow through ON UPDATE
--   CASCADE, and the API still answers the old id under the clean one. If two ids clean to the
--   same id, or an id is left invalid (empty, or a GSS code), the migration fails and changes
--   nothing: such a council has to be renamed by hand first.
-- - A report id is cleaned as `ReportID.cleaned` does (every `.`, `_` and `-` of an invalid id
--   becomes `-`, runs collapse, none at either end); `GET /v1/reports/{old id}` still finds it.
-- - A GSS code that is not E, W, S or N then eight digits cannot be guessed: the migration fails.
--
-- SQLite cannot alter a CHECK, so `councils` and `reports` are rebuilt (copy, drop, create,
-- refill, indexes again). The migrator runs this file in one transaction with foreign keys on, where
-- `PRAGMA foreign_keys` does nothing; `PRAGMA defer_foreign_keys` instead lets the children of
-- `councils` point at no row between the drop and the refill, and is checked at commit (and
-- reset then). Neither table has triggers or views.

PRAGMA defer_foreign_keys = ON;

-- Council ids: clean (cascades to populations, complaints, reports, service_improvements,
-- annual_letters). Version 1 allowed only [a-z0-9.-], so `.` is the only character to turn into
-- `-`; seven rounds of `--` -> `-` collapse any run up to 128 long (ids are at most 100).
UPDATE councils
SET id = trim(
        replace(replace(replace(replace(replace(replace(replace(
            replace(id, '.', '-'),
            '--', '-'), '--', '-'), '--', '-'), '--', '-'), '--', '-'), '--', '-'), '--', '-'),
        '-')
WHERE id GLOB '*[^a-z0-9-]*' OR id GLOB '-*' OR id GLOB '*-' OR id GLOB '*--*';

-- Report ids: the same cleaning over the separators version 1 allowed.
UPDATE reports
SET id = trim(
        replace(replace(replace(replace(replace(replace(replace(replace(
            replace(replace(id, '.', '-'), '_', '-'),
            '--', '-'), '--', '-'), '--', '-'), '--', '-'), '--', '-'), '--', '-'), '--', '-'), '--', '-'),
        '-')
WHERE id GLOB '[._-]*' OR id GLOB '*[._-]' OR id GLOB '*[._-][._-]*';

CREATE TABLE councils_before_0003 AS SELECT * FROM councils;
DROP TABLE councils;

CREATE TABLE councils (
    -- `Domain.CouncilID`: words of [a-z0-9] joined by single hyphens, at most 100, not a GSS code.
    id          TEXT NOT NULL PRIMARY KEY
                CONSTRAINT council_id_is_a_slug CHECK (
                    length(id) BETWEEN 1 AND 100 AND id NOT GLOB '*[^a-z0-9-]*'
                    AND id NOT GLOB '-*' AND id NOT GLOB '*-' AND id NOT GLOB '*--*'
                    AND id NOT GLOB '[ewsn][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    name        TEXT NOT NULL CONSTRAINT name_not_blank CHECK (length(trim(name)) > 0),
    short_name  TEXT NOT NULL CONSTRAINT short_name_not_blank CHECK (length(trim(short_name)) > 0),
    -- `Domain.GSSCode`: E, W, S or N then eight digits, stored upper case; the repository
    -- upper-cases before binding, so lookups are case-insensitive while the index stays binary.
    gss_code    TEXT NOT NULL UNIQUE
                CONSTRAINT gss_code_format CHECK (gss_code GLOB '[EWSN][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    type        TEXT NOT NULL
                CONSTRAINT council_type_known CHECK (type IN ('county', 'district', 'metropolitan_borough', 'unitary', 'london_borough')),
    -- NOCASE so that `?region=north west` finds `North West` through councils_by_region.
    region      TEXT COLLATE NOCASE CONSTRAINT region_not_blank CHECK (region IS NULL OR length(trim(region)) > 0),
    is_demo     INTEGER NOT NULL DEFAULT 0 CONSTRAINT is_demo_boolean CHECK (is_demo IN (0, 1))
) STRICT, WITHOUT ROWID;

INSERT INTO councils (id, name, short_name, gss_code, type, region, is_demo)
SELECT id, name, short_name, gss_code, type, region, is_demo FROM councils_before_0003;
DROP TABLE councils_before_0003;

-- As in version 1.
CREATE INDEX councils_by_type ON councils (type, id);
CREATE INDEX councils_by_region ON councils (region, id);

CREATE TABLE reports_before_0003 AS SELECT * FROM reports;
DROP TABLE reports;

CREATE TABLE reports (
    -- `Domain.ReportID`: words of [a-z0-9] joined by single '.', '_' or '-', at most 200.
    id          TEXT NOT NULL PRIMARY KEY
                CONSTRAINT report_id_is_a_slug CHECK (
                    length(id) BETWEEN 1 AND 200 AND id NOT GLOB '*[^a-z0-9._-]*'
                    AND id NOT GLOB '[._-]*' AND id NOT GLOB '*[._-]' AND id NOT GLOB '*[._-][._-]*'),
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

INSERT INTO reports (id, council_id, title, summary, published, reference, url, is_demo)
SELECT id, council_id, title, summary, published, reference, url, is_demo FROM reports_before_0003;
DROP TABLE reports_before_0003;

-- As in version 1.
CREATE INDEX reports_by_council ON reports (council_id, published, id);
CREATE INDEX reports_by_published ON reports (published, id);
