import Domain
import HTTPServer
import JSON
import Repositories

/// `POST /v1/councils`, `PUT` and `DELETE /v1/councils/{council}` and `POST /v1/councils/{council}/populations`.
///
/// A council is stored by its GSS code (the official identity), so both POST and PUT create or
/// replace. PUT's path names the council by its id or its GSS code; naming it by GSS code is how a
/// council's id (slug) is changed, its records following it.
struct CouncilWriteRoutes {
    let routes: IngestionRoutes

    func create(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let object = try JSONBody.object(request)
            let council = try WriteAnswer.validated { try CouncilInput.decode(.json(object)) }
            return try store(council, scope)
        }
    }

    func put(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let key = request.parameters["council"] ?? ""
            let object = try JSONBody.object(request)
            var mismatch: [FieldError] = []
            let id = object["id"]?.stringValue
            let gssCode = object["gss_code"]?.stringValue
            if let id, id != key, gssCode?.uppercased() != key.uppercased() {
                mismatch.append(
                    FieldError(
                        field: "id",
                        message:
                            "must be the council in the path ('\(key)'); to change a council's id, PUT it to its GSS code"
                    ))
            }
            let council = try WriteAnswer.validated(extra: mismatch) { try CouncilInput.decode(.json(object)) }
            let preconditions = WritePreconditions(request.headers)
            return try store(council, scope) { transaction in
                try preconditions.check(RecordJSON.council) { try transaction.council(key) }
            }
        }
    }

    /// Removes a council no other record names, with its populations: for a council stored by
    /// mistake. 404 first, then the preconditions, then 409 while records name it (RFC 9110
    /// section 13.2.2: preconditions come before the method's own checks).
    func delete(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let key = request.parameters["council"] ?? ""
            let preconditions = WritePreconditions(request.headers)
            return try scope.commit { transaction in
                // A council id the API served before migration 0003 cleaned it names the clean one.
                guard let council = try transaction.council(key) ?? transaction.council(CouncilID.cleaned(key)) else {
                    throw RecordResourceKey.notFound(
                        "Council", "no council has the id or GSS code '\(key)'; GET /v1/councils lists them")
                }
                try preconditions.check(RecordJSON.council) { council }
                let records = try transaction.records(ofCouncil: council.id)
                guard records.isEmpty else { throw Self.hasRecords(council, records) }
                try transaction.deleteCouncil(council.id)
                return HTTPResponse(status: .noContent)
            }
        }
    }

    private static func hasRecords(_ council: Council, _ records: [(kind: String, count: Int)]) -> HTTPError {
        let counts = records.map { "\($0.count) \($0.kind.replacingOccurrences(of: "_", with: " "))" }
        return HTTPError(
            .conflict, type: ProblemType.councilHasRecords.uri, title: ProblemType.councilHasRecords.title,
            detail: "\(council.id) still has \(counts.joined(separator: ", ")); delete or move them first",
            extensions: ["records": .object(JSONObject(records.map { ($0.kind, .int(Int64($0.count))) }))])
    }

    /// Upserts `council` in one transaction, after `precondition` (PUT's `If-Match`, checked
    /// against the council the path names) has passed inside it.
    private func store(
        _ council: Council, _ scope: WriteScope, precondition: (WriteTransaction) throws -> Void = { _ in }
    ) throws -> HTTPResponse {
        try scope.commit { transaction in
            try precondition(transaction)
            let outcome = try transaction.upsert(council)
            let stored = try transaction.council(gssCode: council.gssCode) ?? council
            return WriteAnswer.stored(RecordJSON.council(stored), outcome, location: "/v1/councils/\(stored.id)")
        }
    }

    func createPopulation(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let council = try routes.context.council(request)
            let object = try JSONBody.object(request)
            let population = try WriteAnswer.validated {
                try PopulationInput.decode(.json(object), councilID: council.id)
            }
            return try scope.commit { transaction in
                return PopulationResource().stored(population, try transaction.upsert(population))
            }
        }
    }
}
