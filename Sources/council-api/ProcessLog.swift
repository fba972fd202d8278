import HTTPServer
import Synchronization

/// The one logger of the process: the command line's messages and the server's records all go
/// through it, so every line the process writes is a record of one format.
///
/// It starts from `LOG_FORMAT` and `LOG_LEVEL` (so even a command-line error before any option is
/// read is a record in the chosen format) and is replaced once a command has read `--log-format`
/// and `--log-level`.
enum ProcessLog {
    private static let configured = Mutex<(format: LogFormat, level: LogLevel)>(
        (
            EnvironmentOption.value("LOG_FORMAT").flatMap(LogFormat.init(rawValue:)) ?? .logfmt,
            EnvironmentOption.value("LOG_LEVEL").flatMap(LogLevel.init(name:)) ?? .info
        ))

    static func configure(format: LogFormat, level: LogLevel) {
        configured.withLock { $0 = (format, level) }
    }

    /// Records to standard error, at the configured format and level.
    static var current: ServerLogger {
        let (format, level) = configured.withLock { $0 }
        return .standardError(format: format, minimumLevel: level)
    }

    /// The start line, `listening on http://HOST:PORT`, as a record on standard output whatever the
    /// level: scripts read the bound address from it.
    static func announceListening(url: String) {
        let format = configured.withLock { $0.format }
        ServerLogger.standardOutput(format: format, minimumLevel: .debug).info("listening on \(url)", ["url": url])
    }
}
