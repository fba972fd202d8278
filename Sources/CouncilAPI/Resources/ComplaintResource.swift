import Domain
import HTTPServer
import JSON
import Repositories

/// A decision, at `/v1/complaints/{reference}`; the reference in any spelling.
struct ComplaintResource: RecordResource {
    static let noun = "Complaint"

    func key(_ request: HTTPRequest, _ context: RouteContext) throws -> CaseReference {
        try RecordResourceKey.caseReference(request, noun: Self.noun)
    }

    func missing(_ reference: CaseReference) -> String {
        "no decision with case reference \(reference.published) is on record"
    }

    func fetch(_ reference: CaseReference, from store: DataStore) throws -> Complaint? {
        try store.complaints.complaint(reference)
    }

    func fetch(_ reference: CaseReference, in transaction: WriteTransaction) throws -> Complaint? {
        try transaction.complaint(reference)
    }

    func pathMembers(_ reference: CaseReference) -> [(name: String, value: JSONValue)] {
        [("reference", .string(reference.published))]
    }

    func key(of complaint: Complaint) -> CaseReference { complaint.reference }

    func decode(_ object: JSONObject, for _: CaseReference, in context: InputContext) throws -> Complaint {
        try ComplaintInput.decode(object, in: context)
    }

    func json(_ complaint: Complaint) -> JSONValue { RecordJSON.complaint(complaint) }

    func upsert(_ complaint: Complaint, in transaction: WriteTransaction) throws -> UpsertOutcome {
        try transaction.upsert(complaint)
    }

    func delete(_ reference: CaseReference, in transaction: WriteTransaction) throws {
        try transaction.deleteComplaint(reference)
    }

    func location(_ reference: CaseReference) -> String {
        "/v1/complaints/\(reference.normalized)"
    }
}
