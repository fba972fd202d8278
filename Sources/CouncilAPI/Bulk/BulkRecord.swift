import HTTPServer

/// One complaint line of an upload as read, before validation: its fields, or why the line could
/// not even be read as a record (malformed JSON, a CSV row of the wrong width, a line too long).
///
/// A bad line is a value rather than a thrown error so that reading goes on: an upload's answer
/// lists every bad line, not just the first.
enum BulkRecord {
    case fields(line: Int, InputFields)
    case unreadable(line: Int, FieldError)
}

/// The complaint lines of an upload, one at a time, so that neither the body nor its records are
/// ever held whole. `nil` at the end.
///
/// Errors thrown are about the upload as a whole (an unusable CSV header, broken quoting after
/// which rows cannot be told apart, an unreadable spool file); they stop the upload.
protocol BulkRecordSource {
    mutating func next() throws -> BulkRecord?
}

/// A fault that makes the whole upload unusable, whatever the mode.
struct BulkUploadError: Error {
    var detail: String
    var errors: [FieldError]

    var problem: HTTPError {
        HTTPError(
            .unprocessableContent, type: ProblemType.validation.uri, title: "Validation failed",
            detail: detail + "; nothing was written", errors: errors)
    }
}

extension FieldError {
    /// The field name of faults about a whole line rather than one of its members.
    static let wholeLine = "line"
}
