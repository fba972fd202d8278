import Domain
import HTTPServer
import JSON
import Repositories

/// `POST /v1/complaints`, `PUT` and `DELETE /v1/complaints/{reference}`.
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
                            "a different decision with case reference \(complaint.reference.published) is on record; to correct it, PUT the decision to \(Self.location(complaint.reference))",
                        errors: [FieldError(field: "reference", message: "is already on record with other content")],
                        headers: ["Location": Self.location(complaint.reference)])
                }
                let outcome = try transaction.upsert(complaint)
                return WriteAnswer.stored(
                    RecordJSON.complaint(complaint), outcome, location: Self.location(complaint.reference))
            }
        }
    }

    func put(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let reference = try ComplaintRoutes.reference(request)
            let object = try JSONBody.object(request)
            var mismatch: [FieldError] = []
            if let text = object["reference"]?.stringValue, let named = CaseReference(text), named != reference {
                mismatch.append(
                    FieldError(
                        field: "reference",
                        message: "must name the case in the path (\(reference.published)), not \(named.published)"))
            }
            let complaint = try WriteAnswer.validated(extra: mismatch) {
                try ComplaintInput.decode(object, in: routes.inputContext)
            }
            let preconditions = WritePreconditions(request.headers)
            return try scope.commit { transaction in
                try preconditions.check(RecordJSON.complaint) { try transaction.complaint(reference) }
                let outcome = try transaction.upsert(complaint)
                return WriteAnswer.stored(
                    RecordJSON.complaint(complaint), outcome, location: Self.location(complaint.reference))
            }
        }
    }

    /// 404 when there is no such decision, whatever the preconditions (RFC 9110 section 13.2.1:
    /// they are ignored when the answer without them would not be 2xx).
    func delete(_ request: HTTPRequest) throws -> HTTPResponse {
        try routes.writes.run(request) { scope in
            let reference = try ComplaintRoutes.reference(request)
            let preconditions = WritePreconditions(request.headers)
            return try scope.commit { transaction in
                guard let current = try transaction.complaint(reference) else {
                    throw HTTPError(
                        .notFound, type: ProblemType.notFound.uri, title: "Complaint not found",
                        detail: "no decision with case reference \(reference.published) is on record")
                }
                try preconditions.check(RecordJSON.complaint) { current }
                try transaction.deleteComplaint(reference)
                return HTTPResponse(status: .noContent)
            }
        }
    }

    /// The decision's URL, with the reference in its unspaced form so it needs no escaping.
    static func location(_ reference: CaseReference) -> String {
        "/v1/complaints/\(reference.normalized)"
    }
}
