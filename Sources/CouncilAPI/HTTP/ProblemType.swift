/// One kind of problem (RFC 9457) this API answers with: its `type` URI and what it means.
///
/// The table below is the single source of the problems' `type` URIs and of the descriptions the
/// server answers at those URIs (`GET /problems/{name}`), so a type a client meets always leads
/// to a page that explains it, and the two cannot drift apart.
struct ProblemType: Sendable {
    /// The last segment of the URI, such as `validation`.
    let name: String
    let title: String
    /// What happened and what a client can do about it.
    let summary: String

    /// The `type` member of a problem document: a relative reference the server itself answers.
    var uri: String { "/problems/" + name }
}

extension ProblemType {
    static let invalidParameter = ProblemType(
        name: "invalid-parameter", title: "Invalid query parameter",
        summary:
            "A query parameter is malformed, out of range or unknown; `errors` names each one. Correct it and retry.")
    static let notFound = ProblemType(
        name: "not-found", title: "Not found",
        summary: "No such resource: an unknown council, case reference or report id.")
    static let validation = ProblemType(
        name: "validation", title: "Validation failed",
        summary: "The body (or a bulk upload's lines) broke the API's rules; `errors` lists every fault with its field "
            + "(and line). Nothing was written.")
    static let malformedJSON = ProblemType(
        name: "malformed-json", title: "Malformed JSON",
        summary:
            "The body is not valid JSON; `detail` gives the line and column of the first fault. Nothing was written.")
    static let unsupportedMediaType = ProblemType(
        name: "unsupported-media-type", title: "Unsupported media type",
        summary: "The body's Content-Type is not one this operation reads (application/json; for bulk uploads also "
            + "application/x-ndjson and text/csv).")
    static let notAcceptable = ProblemType(
        name: "not-acceptable", title: "Not acceptable",
        summary: "The Accept header asks for no representation this operation has (application/json or text/csv).")
    static let unauthorized = ProblemType(
        name: "unauthorized", title: "Unauthorized",
        summary: "Writes need `Authorization: Bearer TOKEN` with a token the server was given; it was missing or wrong."
    )
    static let writesDisabled = ProblemType(
        name: "writes-disabled", title: "Writes disabled",
        summary: "The server was started without any write token, so it accepts no writes at all.")
    static let idempotencyConflict = ProblemType(
        name: "idempotency-conflict", title: "Idempotency key in use",
        summary: "A request with this Idempotency-Key is still being processed; retry after Retry-After seconds to get "
            + "its answer.")
    static let idempotencyMismatch = ProblemType(
        name: "idempotency-key-reused", title: "Idempotency key reused",
        summary: "This Idempotency-Key was already used for a different request; use a new key for a new request.")
    static let notReady = ProblemType(
        name: "not-ready", title: "Not ready",
        summary: "The service is starting (database not reachable yet or migrations pending) or shutting down; retry "
            + "after Retry-After seconds, or on another instance.")
    static let databaseUnavailable = ProblemType(
        name: "database-unavailable", title: "Database unavailable",
        summary: "The database cannot be reached right now; nothing was written; the same request may succeed shortly.")
    /// `POST /v1/complaints` for a reference already on record with other content: a correction
    /// must say so by using `PUT`, so a duplicate post can never silently overwrite a decision.
    static let recordExists = ProblemType(
        name: "record-exists", title: "Decision already on record",
        summary: "A different decision with this case reference is on record; correct it explicitly with PUT.")
    /// A PUT or DELETE whose `If-Match` or `If-None-Match` does not hold for the record as it is
    /// now: another writer changed (or created, or removed) it since the client read it.
    static let preconditionFailed = ProblemType(
        name: "precondition-failed", title: "Precondition failed",
        summary: "The record is not as the request's If-Match or If-None-Match expected: someone else has changed, "
            + "created or removed it meanwhile. Nothing was written. `current_etag` (and the ETag header) give the "
            + "record's tag now, when it exists; GET it, re-apply the change and send that tag in If-Match.")
    /// A PUT or DELETE without `If-Match` on a server started with `--require-if-match`.
    static let preconditionRequired = ProblemType(
        name: "precondition-required", title: "Precondition required",
        summary: "This server only accepts a PUT or DELETE that says which version of the record it replaces: GET the "
            + "record and send its ETag in If-Match (or, for a PUT that creates, If-None-Match: *). Nothing was "
            + "written.")
    /// `DELETE /v1/councils/{council}` while records still name the council: deleting it would
    /// orphan them, or silently take the Ombudsman's decisions with it.
    static let councilHasRecords = ProblemType(
        name: "council-has-records", title: "Council has records",
        summary: "Decisions, reports, service improvements or annual letters still name this council; `records` "
            + "counts them by kind. Delete them, or move them to another council, first. Nothing was written.")

    /// Every problem type, in the order the documentation lists them.
    static let all: [ProblemType] = [
        invalidParameter, notFound, validation, malformedJSON, unsupportedMediaType, notAcceptable, unauthorized,
        writesDisabled, idempotencyConflict, idempotencyMismatch, notReady, databaseUnavailable, recordExists,
        preconditionFailed, preconditionRequired, councilHasRecords,
    ]

    static func named(_ name: String) -> ProblemType? { all.first { $0.name == name } }
}
