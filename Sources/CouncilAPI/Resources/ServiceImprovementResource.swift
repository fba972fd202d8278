import Domain
import HTTPServer
import JSON
import Repositories

/// A service improvement, at `/v1/service-improvements/{reference}`: one per case. Read there
/// whether or not the Ombudsman still publishes it (the lists show only those it does).
struct ServiceImprovementResource: RecordResource {
    static let noun = "Service improvement"

    func key(_ request: HTTPRequest, _ context: RouteContext) throws -> CaseReference {
        try RecordResourceKey.caseReference(request, noun: Self.noun)
    }

    func missing(_ reference: CaseReference) -> String {
        "no service improvement from case \(reference.published) is on record"
    }

    func fetch(_ reference: CaseReference, from store: DataStore) throws -> ServiceImprovement? {
        try store.serviceImprovements.improvement(reference)
    }

    func fetch(_ reference: CaseReference, in transaction: WriteTransaction) throws -> ServiceImprovement? {
        try transaction.serviceImprovement(reference)
    }

    func pathMembers(_ reference: CaseReference) -> [(name: String, value: JSONValue)] {
        [("reference", .string(reference.published))]
    }

    func key(of improvement: ServiceImprovement) -> CaseReference { improvement.reference }

    func decode(_ object: JSONObject, for _: CaseReference, in context: InputContext) throws -> ServiceImprovement {
        try ServiceImprovementInput.decode(.json(object), in: context)
    }

    func json(_ improvement: ServiceImprovement) -> JSONValue { RecordJSON.serviceImprovement(improvement) }

    func upsert(_ improvement: ServiceImprovement, in transaction: WriteTransaction) throws -> UpsertOutcome {
        try transaction.upsert(improvement)
    }

    func delete(_ reference: CaseReference, in transaction: WriteTransaction) throws {
        try transaction.deleteServiceImprovement(reference)
    }

    func location(_ reference: CaseReference) -> String {
        "/v1/service-improvements/\(reference.normalized)"
    }
}
