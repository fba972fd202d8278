-- council-api schema for PostgreSQL, version 3: the identity CHECKs say exactly what `Domain`
-- says, as in ../0003_identity_rules.sql (SQLite), which explains the change and what happens to
-- rows that break the new rules: council and report ids are cleaned the way `CouncilID.cleaned`
-- and `ReportID.cleaned` do (council ids' records follow through ON UPDATE CASCADE), and a GSS
-- code, or an id still invalid or clashing after cleaning, makes the migration fail unapplied.
--
-- PostgreSQL alters a CHECK in place: drop it and add it again under the same name (adding
-- validates every row).

UPDATE councils
SET id = trim(BOTH '-' FROM regexp_replace(id, '[^a-z0-9]+', '-', 'g'))
WHERE id !~ '^[a-z0-9]+(-[a-z0-9]+)*$';

UPDATE reports
SET id = trim(BOTH '-' FROM regexp_replace(id, '[^a-z0-9]+', '-', 'g'))
WHERE id !~ '^[a-z0-9]+([._-][a-z0-9]+)*$';

-- `Domain.CouncilID`: words of [a-z0-9] joined by single hyphens, at most 100, not a GSS code.
ALTER TABLE councils DROP CONSTRAINT council_id_is_a_slug;
ALTER TABLE councils ADD CONSTRAINT council_id_is_a_slug CHECK (
    length(id) BETWEEN 1 AND 100 AND id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND id !~ '^[ewsn][0-9]{8}$');

-- `Domain.GSSCode`: E, W, S or N then eight digits.
ALTER TABLE councils DROP CONSTRAINT gss_code_format;
ALTER TABLE councils ADD CONSTRAINT gss_code_format CHECK (gss_code ~ '^[EWSN][0-9]{8}$');

-- `Domain.ReportID`: words of [a-z0-9] joined by single '.', '_' or '-', at most 200.
ALTER TABLE reports DROP CONSTRAINT report_id_is_a_slug;
ALTER TABLE reports ADD CONSTRAINT report_id_is_a_slug CHECK (
    length(id) BETWEEN 1 AND 200 AND id ~ '^[a-z0-9]+([._-][a-z0-9]+)*$');
