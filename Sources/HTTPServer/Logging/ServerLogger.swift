import Glibc

/// Where the server's log lines go: one logfmt line per request, plus the rare operational event.
///
/// A plain line sink rather than a logging framework: logfmt is greppable and machine-readable,
/// tests can capture lines with a closure, and an application can silence or redirect the server
/// without the server depending on any logging package.
public struct ServerLogger: Sendable {
    private let write: @Sendable (String) -> Void

    /// A logger that hands each complete line (without its newline) to `write`.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Lines go to standard error, one `write(2)` each so concurrent lines never interleave.
    public static let standardError = ServerLogger { line in
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Glibc.write(STDERR_FILENO, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// Discards everything; for applications and tests that do not want access logs.
    public static let silent = ServerLogger { _ in }

    /// Writes one line of `key=value` pairs in the order given.
    public func log(_ fields: KeyValuePairs<String, String>) {
        write(LogfmtLine.render(fields))
    }

    func access(_ record: AccessRecord) {
        log([
            "method": record.method,
            "path": record.path,
            "status": String(record.status),
            "bytes": String(record.bodyBytes),
            "duration_ms": record.durationMillisecondsText,
            "request_id": record.requestID,
            "remote": record.remoteAddress,
        ])
    }

    func event(_ level: String, _ message: String, _ extra: KeyValuePairs<String, String> = [:]) {
        var line = LogfmtLine.render(["level": level, "msg": message])
        if !extra.isEmpty {
            line += " " + LogfmtLine.render(extra)
        }
        write(line)
    }
}

/// One completed exchange, as the access log records it.
struct AccessRecord: Sendable {
    var method: String
    var path: String
    var status: Int
    var bodyBytes: Int
    var duration: Duration
    var requestID: String
    var remoteAddress: String

    var durationMillisecondsText: String {
        let (seconds, attoseconds) = duration.components
        let micros = max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

/// Renders `key=value` pairs, quoting values that contain spaces, quotes, `=` or control bytes.
enum LogfmtLine {
    static func render(_ fields: KeyValuePairs<String, String>) -> String {
        var line = ""
        for (key, value) in fields {
            if !line.isEmpty { line += " " }
            line += key
            line += "="
            line += quoteIfNeeded(value)
        }
        return line
    }

    static func quoteIfNeeded(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") || $0 == 0x7F }
        guard needsQuotes else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    quoted += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}
