/// How serious a log record is. Records below the logger's minimum level are dropped before they
/// are rendered, so a quiet level costs almost nothing on the request path.
public enum LogLevel: String, Sendable, CaseIterable, Comparable {
    case debug
    case info
    case warn
    case error

    /// Parses a level name as `--log-level` and `LOG_LEVEL` take it (`warning` is accepted for
    /// `warn`, since both spellings are common).
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "warning" {
            self = .warn
        } else if let level = LogLevel(rawValue: lowered) {
            self = level
        } else {
            return nil
        }
    }

    private var rank: Int {
        switch self {
        case .debug: 0
        case .info: 1
        case .warn: 2
        case .error: 3
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}

/// How each log record is written: `logfmt` (`key=value` pairs, greppable) or `json` (one object
/// per line, for log shippers that parse JSON).
public enum LogFormat: String, Sendable, CaseIterable {
    case logfmt
    case json
}
