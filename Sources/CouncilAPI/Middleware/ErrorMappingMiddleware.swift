import HTTPServer
import Repositories

/// Turns errors from the layers below into problems a client can act on, in one place, so no
/// handler needs a `catch` for them. Anything unexpected is left for the server to answer 500.
struct ErrorMappingMiddleware: HTTPMiddleware {
    func handle(_ request: HTTPRequest, next: (HTTPRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try next(request)
        } catch let error as RepositoryError {
            throw Self.problem(for: error)
        } catch  where DataStore.isUnavailable(error) {
            throw Self.unavailable
        }
    }

    /// The database cannot be reached (a PostgreSQL restart, a lost connection): nothing was
    /// written, and the same request may succeed in a moment.
    static let unavailable = HTTPError(
        .serviceUnavailable, type: ProblemType.databaseUnavailable.uri, title: "Database unavailable",
        detail: "the database cannot be reached right now; nothing was written; retry shortly",
        headers: ["Retry-After": "1"])

    static func problem(for error: RepositoryError) -> HTTPError {
        switch error {
        case .invalidPageKey:
            HTTPError(
                .badRequest, type: ProblemType.invalidParameter.uri, title: "Invalid query parameter",
                detail: "cursor does not belong to this list; use the next_cursor of a page of the same list",
                errors: [FieldError(field: "cursor", message: "does not belong to this list")])
        case .unknownCouncil(let id):
            HTTPError(
                .unprocessableContent, type: ProblemType.validation.uri, title: "Validation failed",
                detail: "council '\(id)' does not exist",
                errors: [FieldError(field: "council", message: "does not exist")])
        case .councilIDTaken(let id, let heldBy):
            HTTPError(
                .conflict, type: ProblemType.validation.uri, title: "Conflict",
                detail: "council id '\(id)' already belongs to \(heldBy)",
                errors: [FieldError(field: "id", message: "is taken")])
        case .constraintViolated(let constraint, _):
            HTTPError(
                .unprocessableContent, type: ProblemType.validation.uri, title: "Validation failed",
                detail: "the record breaks the rule \(constraint)")
        case .batchRecord(let index, let reason):
            {
                var problem = problem(for: reason); problem.detail = "record \(index + 1): " + problem.detail;
                return problem
            }()
        case .corruptValue:
            HTTPError(.internalServerError, detail: "a stored value could not be read")
        }
    }
}
