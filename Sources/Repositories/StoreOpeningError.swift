/// Why a store could not be opened or migrated.
public enum StoreOpeningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--database` was neither a file path nor a `postgres://` / `postgresql://` URL it can use.
    case invalidLocation(String)
    /// The database is of an engine this store does not know how to migrate.
    case unsupportedDatabase

    public var description: String {
        switch self {
        case .invalidLocation(let reason): reason
        case .unsupportedDatabase: "the database engine has no migrator"
        }
    }
}
