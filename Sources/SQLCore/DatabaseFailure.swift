/// What the layers above need to know of an engine's error, without knowing the engine.
///
/// `SQLiteError` and `PGError` conform; the repositories turn a constraint failure into a
/// `RepositoryError` a client can act on, and the API answers an unavailable database with 503
/// instead of 500.
public protocol DatabaseFailure: Error {
    /// Set when the statement broke a rule of the schema.
    var constraintViolation: ConstraintViolation? { get }
    /// The database cannot be reached now (server down, connection lost, too many clients):
    /// the same request may succeed later, and nothing of it was committed.
    var isUnavailable: Bool { get }
}

/// A schema rule a write broke, in the engine-neutral terms the repositories map.
public struct ConstraintViolation: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case unique, foreignKey, check, notNull, other
    }

    public let kind: Kind
    /// The constraint's name (`remedy_only_when_upheld`), or `table.column` for NOT NULL, when known.
    public let name: String?
    /// The engine's own words.
    public let message: String

    /// The kind named by an engine's predicates, checked in this order.
    public static func kind(unique: Bool, foreignKey: Bool, check: Bool, notNull: Bool) -> Kind {
        if unique { return .unique }
        if foreignKey { return .foreignKey }
        if check { return .check }
        return notNull ? .notNull : .other
    }

    public init(kind: Kind, name: String?, message: String) {
        self.kind = kind
        self.name = name
        self.message = message
    }
}
