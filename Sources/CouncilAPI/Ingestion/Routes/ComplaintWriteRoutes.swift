import Domain
import HTTPServer
import JSON
import Repositories

/// `POST /v1/complaints` (its `PUT` and `DELETE` are `ComplaintResource`'s).
///
/// POST stores a new decision and tolerates an exact repeat (200), but refuses to change one on
/// record (409): a client re-sending yesterday's file must not silently overwrite a decision the
/// Ombudsman has since corrected. Correcting is explicit, with PUT, which creates or replaces.
struct ComplaintWriteRoutes {
    let routes: IngestionRoutes

    func create(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let object = try JSONBody.object(request)
            let complaint = try WriteAnswer.validated { try ComplaintInput.decode(object, in: routes.inputContext) }
            return try scope.commit { transaction in
                if let existing = try transaction.complaint(complaint.reference), existing != complaint {
                    throw HTTPError(
                        .conflict, type: ProblemType.recordExists.uri, title: "Decision already on record",
                        detail:
                            "a different decision with case reference \(complaint.reference.published) is on record; to correct it, PUT the decision to \(ComplaintResource().location(complaint.reference))",
                        errors: [FieldError(field: "reference", message: "is already on record with other content")],
                        headers: ["Location": ComplaintResource().location(complaint.reference)])
                }
                return ComplaintResource().stored(complaint, try transaction.upsert(complaint))
            }
        }
    }
}
