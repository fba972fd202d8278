import SQLCore

/// Why a repository refused a read or a write, in terms the API can map to a status and a field.
///
/// Both engines report constraint failures in their own terms (`DatabaseFailure`); translating
/// them here keeps SQL vocabulary out of the HTTP layer. Failures that are not about the data
/// (disk full, I/O, a lost connection) stay the engine's errors: the client can do nothing about
/// them, and the API answers 500, or 503 when the database is unavailable.
public enum RepositoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The record names a council the store does not hold.
    case unknownCouncil(String)
    /// Upserting a council by GSS code would give it an id another council (`heldBy`, a GSS code)
    /// already has. Slugs are unique; silently merging two councils would corrupt both.
    case councilIDTaken(id: String, heldBy: String)
    /// The schema refused the record. `constraint` is the name of the CHECK
    /// (`remedy_only_when_upheld`) or the column of a NOT NULL (`complaints.decided`).
    case constraintViolated(constraint: String, message: String)
    /// A page key this list did not produce (tampered, or from another list).
    case invalidPageKey
    /// A stored value the model cannot represent; the schema's constraints should make it impossible.
    case corruptValue(column: String, value: String)
    /// Record `index` (0-based) of a batch failed for `reason`; nothing of the batch was written.
    indirect case batchRecord(index: Int, reason: RepositoryError)

    public var description: String {
        switch self {
        case .unknownCouncil(let id): "unknown council '\(id)'"
        case .councilIDTaken(let id, let heldBy): "council id '\(id)' already belongs to \(heldBy)"
        case .constraintViolated(let constraint, _): "refused by constraint \(constraint)"
        case .invalidPageKey: "invalid page key"
        case .corruptValue(let column, let value): "stored \(column) '\(value)' cannot be read"
        case .batchRecord(let index, let reason): "record \(index): \(reason)"
        }
    }
}

extension RepositoryError {
    /// Translates a constraint failure of a write that concerned `councilID`; any other error is
    /// returned unchanged.
    static func translating(_ error: any Error, councilID: String? = nil) -> any Error {
        guard let violation = (error as? any DatabaseFailure)?.constraintViolation else { return error }
        if violation.kind == .foreignKey, let councilID {
            return RepositoryError.unknownCouncil(councilID)
        }
        return RepositoryError.constraintViolated(
            constraint: violation.name ?? violation.message, message: violation.message)
    }

    /// Runs one record's write, translating its failures and tagging them with the record's
    /// position when it is part of a batch.
    static func tagging<T>(index: Int?, councilID: String?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            let translated = translating(error, councilID: councilID)
            guard let index, let reason = translated as? RepositoryError else { throw translated }
            throw RepositoryError.batchRecord(index: index, reason: reason)
        }
    }
}
