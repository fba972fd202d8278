import Foundation

/// Where the data lives: a SQLite file (the embedded default) or a PostgreSQL server that many
/// instances share, told apart by the text a user gives `--database` / `DATABASE_URL`.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    /// A `postgres://` or `postgresql://` connection URL, as libpq reads it.
    case postgresql(url: String)

    /// A URL with one of these schemes is PostgreSQL; anything else is a file path.
    public static let postgresSchemes = ["postgres://", "postgresql://"]

    public init(_ text: String) throws(StoreOpeningError) {
        if Self.postgresSchemes.contains(where: { text.lowercased().hasPrefix($0) }) {
            self = .postgresql(url: text)
        } else if text.contains("://") {
            throw .invalidLocation(
                "database URL \(Self.redacting(text)) has an unknown scheme; use postgres:// or postgresql://, or a file path for SQLite"
            )
        } else if text.isEmpty {
            throw .invalidLocation("the database path is empty")
        } else {
            self = .sqliteFile(path: text)
        }
    }

    public var engineName: String {
        switch self {
        case .sqliteFile: "SQLite"
        case .postgresql: "PostgreSQL"
        }
    }

    /// Safe to log: a URL's password is replaced by `***`.
    public var description: String {
        switch self {
        case .sqliteFile(let path): path
        case .postgresql(let url): Self.redacting(url)
        }
    }

    /// `scheme://user:secret@host/db` → `scheme://user:***@host/db`; a `password=` query
    /// parameter is masked the same way.
    public static func redacting(_ url: String) -> String {
        var text = url
        if let schemeEnd = text.range(of: "://") {
            let rest = text[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"),
                let colon = rest[..<at].firstIndex(of: ":")
            {
                text.replaceSubrange(rest.index(after: colon)..<at, with: "***")
            }
        }
        if let range = text.range(of: "password=", options: .caseInsensitive) {
            let valueEnd = text[range.upperBound...].firstIndex(of: "&") ?? text.endIndex
            text.replaceSubrange(range.upperBound..<valueEnd, with: "***")
        }
        return text
    }
}
