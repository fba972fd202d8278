import Domain
import HTTPServer
import JSON
import Repositories

/// Validates and stores the records of one upload, line by line, inside ONE write transaction.
///
/// One transaction because the single writer makes that cheap (no lock contention, one fsync
/// at commit instead of one per line) and because it is what makes atomic mode atomic: a bad line
/// anywhere rolls back every line before it. Lines are written as they are read, so memory holds
/// one record at a time whatever the upload size; in atomic mode writing stops at the first bad
/// line (it will all be rolled back) while validation goes on, so the answer lists every fault.
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
        while let record = try records.next() {
            try load(record, into: &report, seen: &seen, transaction: transaction)
        }
        if report.isEmpty || (mode == .atomic && report.failed > 0) {
            throw Rejection(report: report)
        }
        return report
    }

    private func load(
        _ record: BulkRecord, into report: inout BulkReport, seen: inout ReferenceRegister,
        transaction: WriteTransaction
    ) throws {
        let (line, fields): (Int, InputFields)
        switch record {
        case .unreadable(let line, let error):
            report.failed(line: line, reference: nil, errors: [error])
            return
        case .fields(let readLine, let readFields):
            (line, fields) = (readLine, readFields)
        }
        let complaint: Complaint
        do {
            complaint = try ComplaintInput.decode(fields, in: input)
        } catch let invalid as InputErrors {
            report.failed(line: line, reference: Self.reference(in: fields), errors: invalid.errors)
            return
        }
        if let earlier = seen.line(of: complaint.reference) {
            report.failed(
                line: line, reference: complaint.reference,
                errors: [
                    FieldError(
                        field: "reference",
                        message: "\(complaint.reference.published) is already on line \(earlier) of this upload; "
                            + "a reference may appear once per upload")
                ])
            return
        }
        guard mode == .partial || report.failed == 0 else {
            seen.record(complaint.reference, line: line)
            report.validButNotWritten()
            return
        }
        do {
            let outcome = try transaction.upsert(complaint)
            seen.record(complaint.reference, line: line)
            report.stored(line: line, reference: complaint.reference, outcome: outcome)
        } catch let error as RepositoryError {
            // Validation should have caught it; if the schema still refuses, the line fails alone
            // (a failed statement does not end the transaction).
            let problem = ErrorMappingMiddleware.problem(for: error)
            let errors =
                problem.errors.isEmpty
                ? [FieldError(field: FieldError.wholeLine, message: problem.detail)] : problem.errors
            report.failed(line: line, reference: complaint.reference, errors: errors)
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
}
