import HTTPServer

/// Every fault found in one input record, each naming its field.
///
/// Collected rather than thrown at the first fault: a client fixing a record should learn
/// everything wrong with it from one answer, not one fault per round trip.
struct InputErrors: Error, Sendable {
    var errors: [FieldError]

    init(_ errors: [FieldError]) {
        self.errors = errors
    }

    /// For a decoder whose reader recorded no fault yet lacks a required value, which the
    /// reader's contract makes impossible; a typed error rather than a crash all the same.
    static func unreadable(_ field: String) -> InputErrors {
        InputErrors([FieldError(field: field, message: "could not be read")])
    }

    /// The 422 problem for a single record.
    var problem: HTTPError {
        HTTPError(
            .unprocessableContent, type: ProblemType.validation.uri, title: "Validation failed",
            detail: errors.map { "\($0.field) \($0.message)" }.joined(separator: "; "), errors: errors)
    }
}
