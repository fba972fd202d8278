import Domain
import HTTPServer
import JSON
import Repositories

/// Validates and stores the records of one upload, line by line, inside ONE write transaction.
///
/// One transaction because the single writer makes that cheap (no lock contention, one fsync
/// at commit instead of one per line) and because it is what makes atomic mode atomic: a bad line
/// anywhere rolls back every line before it. Valid lines are written in batches of
/// `batchSize` (`WriteTransaction.upsertEach`: one statement per batch on PostgreSQL, where each
/// statement is a round trip), so memory holds one batch whatever the upload size, and the
/// report still receives every line's fate in upload order. In atomic mode writing stops at the
/// first bad line (it will all be rolled back) while validation goes on, so the answer lists
/// every fault.
///
/// A reference may appear once per upload: a second line with a reference an earlier line
/// stored fails, pointing at the earlier line. "Later wins" would make the earlier line's
/// reported outcome a lie and usually hides a fault in the exporting system.
struct BulkLoader {
    let input: InputContext
    let mode: BulkMode

    /// Thrown from inside the transaction to roll it back while keeping the report: an atomic
    /// upload with a bad line, or an upload with no complaint at all.
    struct Rejection: Error {
        let report: BulkReport
    }

    /// Reads, validates and writes every record in `transaction`, and returns the report of an
    /// upload to commit.
    ///
    /// - Throws: `Rejection` when the upload must not be committed; `BulkUploadError` when the
    ///   body as a whole is unusable; anything else when the store or the spool file fails.
    func load(_ records: inout some BulkRecordSource, in transaction: WriteTransaction) throws -> BulkReport {
        var report = BulkReport(mode: mode)
        var seen = ReferenceRegister()
        var pending = PendingLines()
        while let record = try records.next() {
            try load(record, into: &pending, report: &report, seen: &seen)
            if pending.writeCount >= Self.batchSize || pending.entries.count >= Self.batchSize * 4 {
                try flush(&pending, into: &report, seen: &seen, transaction: transaction)
            }
        }
        try flush(&pending, into: &report, seen: &seen, transaction: transaction)
        if report.isEmpty || (mode == .atomic && report.failed > 0) {
            throw Rejection(report: report)
        }
        return report
    }

    /// Valid lines written per statement (one batch of the transaction).
    static let batchSize = 1000

    private func load(
        _ record: BulkRecord, into pending: inout PendingLines, report: inout BulkReport, seen: inout ReferenceRegister
    ) throws {
        let (line, fields): (Int, InputFields)
        switch record {
        case .unreadable(let line, let error):
            pending.fail(line: line, reference: nil, errors: [error])
            return
        case .fields(let readLine, let readFields):
            (line, fields) = (readLine, readFields)
        }
        let complaint: Complaint
        do {
            complaint = try ComplaintInput.decode(fields, in: input)
        } catch let invalid as InputErrors {
            pending.fail(line: line, reference: Self.reference(in: fields), errors: invalid.errors)
            return
        }
        if let earlier = seen.line(of: complaint.reference) {
            pending.fail(
                line: line, reference: complaint.reference,
                errors: [
                    FieldError(
                        field: "reference",
                        message: "\(complaint.reference.published) is already on line \(earlier) of this upload; "
                            + "a reference may appear once per upload")
                ])
            return
        }
        seen.record(complaint.reference, line: line)
        guard mode == .partial || (report.failed == 0 && pending.failures == 0) else {
            pending.entries.append(.notWritten)
            return
        }
        pending.write(line: line, complaint: complaint)
    }

    /// Writes the pending valid lines in one batch, then hands every pending line's fate to the
    /// report in upload order.
    private func flush(
        _ pending: inout PendingLines, into report: inout BulkReport, seen: inout ReferenceRegister,
        transaction: WriteTransaction
    ) throws {
        defer { pending = PendingLines() }
        var outcomes = try transaction.upsertEach(pending.complaints).makeIterator()
        for entry in pending.entries {
            switch entry {
            case .failed(let line, let reference, let errors):
                report.failed(line: line, reference: reference, errors: errors)
            case .notWritten:
                report.validButNotWritten()
            case .write(let line, let reference):
                switch outcomes.next() {
                case .success(let outcome):
                    report.stored(line: line, reference: reference, outcome: outcome)
                case .failure(let error):
                    // Validation should have caught it; if the schema still refuses, the line
                    // fails alone and the upload goes on (or, atomic, is rolled back).
                    seen.forget(reference)
                    let problem = ErrorMappingMiddleware.problem(for: error)
                    let errors =
                        problem.errors.isEmpty
                        ? [FieldError(field: FieldError.wholeLine, message: problem.detail)] : problem.errors
                    report.failed(line: line, reference: reference, errors: errors)
                case nil:
                    throw BulkLoaderInconsistency()
                }
            }
        }
    }

    /// The reference a failed record names, when it is readable at all, for its line result.
    private static func reference(in fields: InputFields) -> CaseReference? {
        switch fields.member("reference") {
        case .json(.string(let text)), .text(let text): CaseReference(text)
        default: nil
        }
    }
}

/// The references stored so far in one upload, with their lines. Eight-digit references fit in
/// 32 bits, so even a million-line upload costs a few megabytes here.
private struct ReferenceRegister {
    private var lines: [UInt32: Int] = [:]

    func line(of reference: CaseReference) -> Int? {
        UInt32(reference.normalized).flatMap { lines[$0] }
    }

    mutating func record(_ reference: CaseReference, line: Int) {
        if let key = UInt32(reference.normalized) { lines[key] = line }
    }

    /// A reference whose line failed after all: a later line may carry it.
    mutating func forget(_ reference: CaseReference) {
        if let key = UInt32(reference.normalized) { lines[key] = nil }
    }
}

/// The lines read since the last batch was written, in upload order: the valid ones to write,
/// and the fates of the others, held back so the report receives every line in order.
private struct PendingLines {
    enum Entry {
        case write(line: Int, reference: CaseReference)
        case failed(line: Int, reference: CaseReference?, errors: [FieldError])
        /// Valid, in an atomic upload that has already failed: neither written nor counted as stored.
        case notWritten
    }

    var entries: [Entry] = []
    var complaints: [Complaint] = []
    var failures = 0

    var writeCount: Int { complaints.count }

    mutating func write(line: Int, complaint: Complaint) {
        entries.append(.write(line: line, reference: complaint.reference))
        complaints.append(complaint)
    }

    mutating func fail(line: Int, reference: CaseReference?, errors: [FieldError]) {
        entries.append(.failed(line: line, reference: reference, errors: errors))
        failures += 1
    }
}

/// The store answered a batch with fewer outcomes than it was given records: a bug, answered 500.
private struct BulkLoaderInconsistency: Error {}
