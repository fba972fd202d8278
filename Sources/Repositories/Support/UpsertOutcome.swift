/// What an upsert did to one record.
///
/// Ingestion reports it per record so that a client re-sending a whole file learns what actually
/// changed, and so that re-running an import is visibly a no-op (everything `unchanged`).
public enum UpsertOutcome: String, Hashable, Sendable, CaseIterable {
    /// There was no record with this key.
    case created
    /// There was one, and at least one stored value differs now.
    case updated
    /// There was an identical one; nothing was written.
    case unchanged
}

/// Counts of upsert outcomes, for import summaries.
public struct UpsertSummary: Hashable, Sendable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0

    public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
    }

    public init(_ outcomes: some Sequence<UpsertOutcome>) {
        for outcome in outcomes { add(outcome) }
    }

    public mutating func add(_ outcome: UpsertOutcome) {
        switch outcome {
        case .created: created += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }

    public var total: Int { created + updated + unchanged }

    /// Whether anything was written.
    public var changedAnything: Bool { created + updated > 0 }
}
