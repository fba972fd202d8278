import CSV
import HTTPServer

/// The records of a CSV body: a header row naming `ComplaintInput` fields, then one complaint per
/// record, handed out as rows keyed by field name with empty cells kept (they mean "absent").
///
/// The header is checked once, before any row: a misspelt or server-set column is one fault of the
/// upload, not a fault repeated on every line. A row of the wrong width is a bad line; broken
/// quoting is fatal, because after it the rest of the body cannot be split into rows reliably.
struct CSVRecords: BulkRecordSource {
    private var reader = CSVReader(maximumRecordBytes: RequestBodyLines.defaultMaximumLineBytes)
    private var source: BodyChunkSource
    private var names: [String]?

    init(_ body: RequestBody) {
        source = BodyChunkSource(chunks: body.chunks())
    }

    mutating func next() throws -> BulkRecord? {
        guard let record = try nextRecord() else { return nil }
        guard let names else {
            names = try Self.header(record)
            return try next()
        }
        guard record.count == names.count else {
            return .unreadable(
                line: record.line,
                FieldError(
                    field: FieldError.wholeLine,
                    message: "has \(record.count) fields but the header has \(names.count)", line: record.line))
        }
        var row: [String: String] = [:]
        for (name, value) in zip(names, record.fields) {
            row[name] = value
        }
        return .fields(line: record.line, .text(row))
    }

    private mutating func nextRecord() throws -> CSVRecord? {
        do {
            return try reader.nextRecord(from: &source)
        } catch let error as CSVError {
            throw BulkUploadError(
                detail: "the CSV cannot be read past line \(error.line): \(error.message)",
                errors: [FieldError(field: FieldError.wholeLine, message: error.message, line: error.line)])
        }
    }

    /// The column names, normalised as `CSVHeader` compares them, after refusing unknown,
    /// server-set and repeated columns.
    private static func header(_ record: CSVRecord) throws -> [String] {
        do {
            _ = try CSVHeader(record)
        } catch {
            throw BulkUploadError(
                detail: "the CSV header on line \(record.line) is unusable: \(error.message)",
                errors: [FieldError(field: FieldError.wholeLine, message: error.message, line: record.line)])
        }
        let names = record.fields.map { Substring($0).trimmingCharacters(in: " \t").lowercased() }
        let allowed = Set(ComplaintInput.fieldNames)
        let serverSet = Set(ComplaintInput.readOnlyFieldNames)
        let faults = names.filter { !allowed.contains($0) }.map { name in
            FieldError(
                field: name,
                message: serverSet.contains(name)
                    ? "is set by the server and cannot be written; remove the column"
                    : "is not a known column; allowed: \(ComplaintInput.fieldNames.joined(separator: ", "))",
                line: record.line)
        }
        guard faults.isEmpty else {
            let listed = faults.map { "'\($0.field)'" }.joined(separator: ", ")
            throw BulkUploadError(
                detail: "the CSV header on line \(record.line) has columns \(listed) that cannot be written",
                errors: faults)
        }
        return names
    }
}

/// A request body as the CSV reader's input.
private struct BodyChunkSource: CSVByteSource {
    var chunks: RequestBodyChunks

    mutating func nextChunk() throws -> [UInt8]? {
        try chunks.next()
    }
}
