import HTTPServer
import JSON
import Repositories

/// How every write answers, so the statuses mean the same on every route.
enum WriteAnswer {
    /// 201 with `Location` for a new record, 200 for one replaced or already identical; the body
    /// is the record as stored, in the shape the read API shows it, with its `ETag`.
    static func stored(_ record: JSONValue, _ outcome: UpsertOutcome, location: String) -> HTTPResponse {
        switch outcome {
        case .created: .record(record, status: .created, headers: ["Location": location])
        case .updated, .unchanged: .record(record)
        }
    }

    /// Runs a decoder, turning its `InputErrors` (plus `extra` faults found by the route, such as a
    /// body naming another record than the path) into one 422 listing them all.
    static func validated<T>(extra: [FieldError] = [], _ decode: () throws -> T) throws -> T {
        let value: T
        do {
            value = try decode()
        } catch let error as InputErrors {
            throw InputErrors(extra + error.errors).problem
        }
        guard extra.isEmpty else { throw InputErrors(extra).problem }
        return value
    }
}
