import Domain
import HTTPServer
import JSON
import Repositories

/// `POST /v1/councils`, `PUT /v1/councils/{council}` and `POST /v1/councils/{council}/populations`.
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
                let outcome = try transaction.upsert(population)
                return WriteAnswer.stored(
                    RecordJSON.population(population), outcome,
                    location: PopulationResource().location(PopulationResource().key(of: population)))
            }
        }
    }
}
