import Domain
import HTTPServer
import Repositories

/// What happened to one line of a partial upload.
struct BulkLineResult: Sendable {
    enum Status: String, Sendable {
        case created, updated, unchanged, failed

        init(_ outcome: UpsertOutcome) {
            switch outcome {
            case .created: self = .created
            case .updated: self = .updated
            case .unchanged: self = .unchanged
            }
        }
    }

    var line: Int
    var status: Status
    /// The line's case reference when it could be read, even on a failed line, so the client can
    /// match results to its own records.
    var reference: CaseReference?
    var errors: [FieldError]
}

/// The running account of an upload: counts always, plus what the mode needs to answer.
///
/// The answer is bounded whatever the upload: a 64 MiB upload of `{}` lines is 22 million lines,
/// and an answer listing each would be gigabytes, built while the upload holds the writer. Atomic
/// mode keeps the first `maximumListedErrors` faults and counts the rest; partial mode lists the
/// first `maximumListedErrors` failed lines (each with its faults) and counts the rest, while
/// the lines that were stored are counted as created, updated or unchanged.
struct BulkReport: Sendable {
    static let maximumListedErrors = 1000

    let mode: BulkMode
    /// Complaint lines read (blank lines and the CSV header are not counted).
    private(set) var lines = 0
    private(set) var summary = UpsertSummary()
    /// Lines that failed.
    private(set) var failed = 0
    /// Atomic mode: the faults listed in the answer, each with its line.
    private(set) var errors: [FieldError] = []
    /// Atomic mode: faults found beyond `errors`.
    private(set) var unlistedErrors = 0
    /// Partial mode: the first failed lines, in upload order.
    private(set) var results: [BulkLineResult] = []
    /// Partial mode: failed lines beyond `results`.
    private(set) var unlistedFailures = 0

    init(mode: BulkMode) {
        self.mode = mode
    }

    mutating func stored(line: Int, reference: CaseReference, outcome: UpsertOutcome) {
        lines += 1
        summary.add(outcome)
    }

    /// A line that passed validation in an atomic upload that has already failed: it is not
    /// written (the transaction will be rolled back) and not counted as stored.
    mutating func validButNotWritten() {
        lines += 1
    }

    mutating func failed(line: Int, reference: CaseReference?, errors lineErrors: [FieldError]) {
        lines += 1
        failed += 1
        let located = lineErrors.map { FieldError(field: $0.field, message: $0.message, line: line) }
        switch mode {
        case .atomic:
            let room = max(0, Self.maximumListedErrors - errors.count)
            errors.append(contentsOf: located.prefix(room))
            unlistedErrors += max(0, located.count - room)
        case .partial:
            guard results.count < Self.maximumListedErrors else {
                unlistedFailures += 1
                return
            }
            results.append(BulkLineResult(line: line, status: .failed, reference: reference, errors: located))
        }
    }

    /// Whether the upload held no complaint at all.
    var isEmpty: Bool { lines == 0 }
}
