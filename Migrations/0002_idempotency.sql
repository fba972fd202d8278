-- council-api schema, version 2: idempotency keys of the write API.
--
-- A POST that carries an `Idempotency-Key` has its successful answer kept here for 24 hours, so a
-- client that lost the answer (timeout, dropped connection) can send the request again and get the
-- same answer instead of a second write. The row is inserted in the SAME transaction as the data
-- write it answers: a crash can never leave a write without its key (the retry would write twice)
-- or a key without its write (the retry would be told of a write that never happened).
--
-- Only 2xx answers are kept: a refused request changed nothing, and the client must be able to
-- correct it and retry under the same key. Expired rows are deleted lazily by later writes.
--
-- An ordinary rowid table, not WITHOUT ROWID: rows carry whole response bodies, and SQLite keeps
-- large rows out of the key B-tree better this way.

CREATE TABLE idempotency_keys (
    -- The client's key, 1 to 255 visible ASCII characters, as sent.
    key          TEXT NOT NULL UNIQUE
                 CONSTRAINT idempotency_key_length CHECK (length(key) BETWEEN 1 AND 255),
    -- SHA-256 (lowercase hex) over the method, path, query, body and the caller's token digest:
    -- the same key with any other request is refused rather than answered with this response.
    fingerprint  TEXT NOT NULL
                 CONSTRAINT fingerprint_is_sha256_hex CHECK (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
    status       INTEGER NOT NULL CONSTRAINT stored_status_is_success CHECK (status BETWEEN 200 AND 299),
    -- The headers a replay must repeat; other headers (Date, X-Request-Id) belong to each answer.
    content_type TEXT,
    location     TEXT,
    body         BLOB NOT NULL,
    -- Unix seconds.
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL CONSTRAINT expires_after_creation CHECK (expires_at > created_at)
) STRICT;

-- Serves the lazy purge `DELETE … WHERE expires_at <= now`.
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
