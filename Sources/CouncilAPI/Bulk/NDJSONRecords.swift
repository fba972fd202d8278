import HTTPServer
import JSON

/// The records of an NDJSON body: each non-blank line parsed on its own as one JSON object.
///
/// Lines are parsed independently, so a malformed line costs only itself; the parser's position
/// is reported as a column, the line being the upload's.
struct NDJSONRecords: BulkRecordSource {
    private var lines: RequestBodyLines
    private let parser = JSONParser(maximumDepth: 8)

    init(_ body: RequestBody, maximumLineBytes: Int = RequestBodyLines.defaultMaximumLineBytes) {
        lines = body.lines(maximumLineBytes: maximumLineBytes)
    }

    mutating func next() throws -> BulkRecord? {
        while true {
            let line: RequestBodyLine
            do {
                guard let next = try lines.next() else { return nil }
                line = next
            } catch {
                guard case .lineTooLong(let number, let limit) = error else { throw error }
                return .unreadable(
                    line: number,
                    FieldError(
                        field: FieldError.wholeLine,
                        message: "is longer than \(limit) bytes, too long to be one complaint",
                        line: number))
            }
            if line.isBlank { continue }
            return record(line)
        }
    }

    private func record(_ line: RequestBodyLine) -> BulkRecord {
        let value: JSONValue
        do {
            value = try parser.parse(line.bytes)
        } catch {
            return .unreadable(
                line: line.number,
                FieldError(
                    field: FieldError.wholeLine, message: "is not valid JSON: column \(error.column): \(error.message)",
                    line: line.number))
        }
        guard let object = value.objectValue else {
            return .unreadable(
                line: line.number,
                FieldError(
                    field: FieldError.wholeLine, message: "must be a JSON object describing one complaint",
                    line: line.number))
        }
        return .fields(line: line.number, .json(object))
    }
}
