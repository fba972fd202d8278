-- council-api schema for PostgreSQL, version 2: idempotency keys of the write API, as in
-- ../0002_idempotency.sql (SQLite).
--
-- A POST that carries an `Idempotency-Key` has its successful answer kept here for 24 hours. The
-- row is inserted in the SAME transaction as the data write it answers, and every instance of the
-- API looks for it inside its own write transaction (after the store's writer lock), so two
-- instances given the same key at once write once: the second finds the first's answer.

CREATE TABLE idempotency_keys (
    -- The client's key, 1 to 255 visible ASCII characters, as sent.
    key          TEXT NOT NULL UNIQUE
                 CONSTRAINT idempotency_key_length CHECK (length(key) BETWEEN 1 AND 255),
    -- SHA-256 (lowercase hex) of the request; the same key with another request is refused.
    fingerprint  TEXT NOT NULL CONSTRAINT fingerprint_is_sha256_hex CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    status       INTEGER NOT NULL CONSTRAINT stored_status_is_success CHECK (status BETWEEN 200 AND 299),
    -- The headers a replay must repeat; other headers (Date, X-Request-Id) belong to each answer.
    content_type TEXT,
    location     TEXT,
    body         BYTEA NOT NULL,
    -- Unix seconds.
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL CONSTRAINT expires_after_creation CHECK (expires_at > created_at)
);

-- Serves the lazy purge `DELETE … WHERE expires_at <= now`.
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
