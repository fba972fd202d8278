/// The database engines the store runs on.
public enum SQLEngine: String, Sendable, CaseIterable {
    /// An embedded file, the default: one process owns the only writer.
    case sqlite
    /// A shared server that many instances of the API use at once.
    case postgresql
}
