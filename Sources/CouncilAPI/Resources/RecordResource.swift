import Domain
import HTTPServer
import JSON
import Repositories

/// A kind of record with a URL of its own, described once so that `RecordResourceRoutes` gives
/// every kind the same GET, PUT and DELETE.
///
/// Why one description per kind rather than routes per kind: the rules of a safe correction
/// (a strong ETag of the record's own content, `If-Match` and `If-None-Match: *` checked inside
/// the write's transaction, the 404 before any precondition, the key in the path winning over the
/// body) are the same for a decision, a report, a service improvement, an annual letter, a
/// published average and a population. Written once, they cannot drift apart between them.
protocol RecordResource: Sendable {
    associatedtype Record
    associatedtype Key: Equatable

    /// What one record is called in problem titles: `Report` gives "Report not found".
    static var noun: String { get }

    /// The key the request's path names. A key no record can have is a 404 (`RecordResourceKey`)
    /// that says what a key looks like.
    func key(_ request: HTTPRequest, _ context: RouteContext) throws -> Key

    /// The 404's detail when no record has `key`.
    func missing(_ key: Key) -> String

    func fetch(_ key: Key, from store: DataStore) throws -> Record?

    /// The record as the write's transaction sees it, for the preconditions.
    func fetch(_ key: Key, in transaction: WriteTransaction) throws -> Record?

    /// The body members the path decides, as the read API shows them. A PUT body may leave them
    /// out (they are taken from the path); when it gives them, they must name the same record.
    func pathMembers(_ key: Key) -> [(name: String, value: JSONValue)]

    func key(of record: Record) -> Key

    /// Validates a PUT body, its path members filled in, into the record (422 listing every fault).
    func decode(_ object: JSONObject, for key: Key, in context: InputContext) throws -> Record

    /// The record as the read API shows it; the bytes its ETag is the digest of.
    func json(_ record: Record) -> JSONValue

    func upsert(_ record: Record, in transaction: WriteTransaction) throws -> UpsertOutcome

    func delete(_ key: Key, in transaction: WriteTransaction) throws

    /// The record's URL, in the spelling that needs no escaping.
    func location(_ key: Key) -> String
}

extension RecordResource {
    /// The answer to a write that stored `record` (`WriteAnswer.stored`): its JSON and ETag, and
    /// its own URL in `Location` when it is new. Every write of a record, PUT or POST, answers so.
    func stored(_ record: Record, _ outcome: UpsertOutcome) -> HTTPResponse {
        WriteAnswer.stored(json(record), outcome, location: location(key(of: record)))
    }
}

/// The 404 of a path segment that cannot be a key, shared by the resources' `key` functions.
enum RecordResourceKey {
    static func notFound(_ noun: String, _ detail: String) -> HTTPError {
        HTTPError(.notFound, type: ProblemType.notFound.uri, title: "\(noun) not found", detail: detail)
    }

    /// The path parameter `name`, as the router matched it (percent-decoded).
    static func segment(_ request: HTTPRequest, _ name: String) -> String {
        request.parameters[name] ?? ""
    }

    /// The `:reference` path parameter in any accepted spelling (`23 008 737`, `23008737`, `23-008-737`).
    static func caseReference(_ request: HTTPRequest, noun: String) throws -> CaseReference {
        let text = segment(request, "reference")
        guard let reference = CaseReference(text) else {
            throw notFound(noun, "'\(text)' is not a case reference: it \(CaseReference.invalidMessage)")
        }
        return reference
    }

    /// A reporting year (`2024-25`) in the path.
    static func financialYear(_ request: HTTPRequest, noun: String) throws -> FinancialYear {
        let text = segment(request, "year")
        guard let year = FinancialYear(text) else {
            throw notFound(noun, "'\(text)' is not a reporting year: write it like 2024-25")
        }
        return year
    }

    /// One of a vocabulary's values in the path.
    static func choice<T: RawRepresentable & CaseIterable>(
        _ request: HTTPRequest, _ name: String, _: T.Type, noun: String
    ) throws -> T where T.RawValue == String {
        let text = segment(request, name)
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw notFound(
                noun, "'\(text)' is not a \(name.replacingOccurrences(of: "_", with: " ")): one of \(allowed)")
        }
        return value
    }
}
