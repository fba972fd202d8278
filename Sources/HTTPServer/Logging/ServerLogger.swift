import Glibc
import JSON

/// Where the process's log records go: one record per line, each with `ts` (RFC 3339, UTC,
/// milliseconds), `level` and `msg`, then the record's own fields, in logfmt or JSON.
///
/// A plain line sink rather than a logging framework: logfmt is greppable and JSON is what log
/// shippers parse, tests can capture lines with a closure, and an application can silence or
/// redirect the server without the server depending on any logging package. The command line
/// writes its own messages through the same type, so every line the process writes has one shape.
///
/// Callers never pass header values, bodies or database URLs with their password: the server's
/// own records (access lines, events) hold none, and that is a tested contract.
public struct ServerLogger: Sendable {
    public let format: LogFormat
    /// Records below this level are dropped.
    public let minimumLevel: LogLevel
    private let write: @Sendable (String) -> Void

    /// A logger that hands each complete line (without its newline) to `write`.
    public init(
        format: LogFormat = .logfmt, minimumLevel: LogLevel = .info, write: @escaping @Sendable (String) -> Void
    ) {
        self.format = format
        self.minimumLevel = minimumLevel
        self.write = write
    }

    /// Lines to standard error, one `write(2)` each so concurrent lines never interleave.
    public static func standardError(format: LogFormat, minimumLevel: LogLevel) -> ServerLogger {
        ServerLogger(format: format, minimumLevel: minimumLevel) { writeLine($0, to: STDERR_FILENO) }
    }

    /// Lines to standard output, unbuffered, for the one record scripts read from a pipe (the
    /// start line with the bound address).
    public static func standardOutput(format: LogFormat, minimumLevel: LogLevel) -> ServerLogger {
        ServerLogger(format: format, minimumLevel: minimumLevel) { writeLine($0, to: STDOUT_FILENO) }
    }

    /// logfmt at `info` to standard error: the default.
    public static let standardError = standardError(format: .logfmt, minimumLevel: .info)

    /// Discards everything; for applications and tests that do not want logs.
    public static let silent = ServerLogger(minimumLevel: .error) { _ in }

    /// The same destination and format with another minimum level.
    public func withMinimumLevel(_ level: LogLevel) -> ServerLogger {
        ServerLogger(format: format, minimumLevel: level, write: write)
    }

    /// Whether a record at `level` would be written.
    public func isEnabled(_ level: LogLevel) -> Bool { level >= minimumLevel }

    /// Writes one record: `ts`, `level`, `msg`, then `fields` in the order given.
    public func log(_ level: LogLevel, _ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        record(level, message, fields.map { ($0.key, $0.value) })
    }

    public func debug(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message, fields) }
    public func warn(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warn, message, fields) }
    public func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message, fields) }

    /// An access line: level `info`, `msg=access`.
    func access(_ record: AccessRecord) {
        self.record(.info, "access", record.fields)
    }

    /// An operational event of the server core, its level given by name (`warning` means `warn`;
    /// an unknown name is logged as `error` rather than lost).
    func event(_ level: String, _ message: String, _ extra: KeyValuePairs<String, String> = [:]) {
        log(LogLevel(name: level) ?? .error, message, extra)
    }

    private func record(_ level: LogLevel, _ message: String, _ fields: [(String, String)]) {
        guard isEnabled(level) else { return }
        let all = [("ts", LogTimestamp.now()), ("level", level.rawValue), ("msg", message)] + fields
        switch format {
        case .logfmt:
            write(LogfmtLine.render(all))
        case .json:
            write(JSONValue.object(JSONObject(all.map { ($0.0, JSONValue.string($0.1)) })).serializedString())
        }
    }

    private static func writeLine(_ line: String, to fd: Int32) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        _ = SystemCalls.writeAll(fd, bytes)  // a log line that cannot be written has nowhere to go
    }
}
