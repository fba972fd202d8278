/// Renders `key=value` pairs, quoting values that contain spaces, quotes, `=` or control bytes, so a
/// value can never forge another field or another line.
enum LogfmtLine {
    /// Built as bytes and turned into a string once: appending to a `String` piece by piece cost
    /// more than the rest of answering `/healthz` (callgrind, `scripts/profile-http.sh`).
    static func render(_ fields: [(String, String)]) -> String {
        var line: [UInt8] = []
        line.reserveCapacity(256)
        for (key, value) in fields {
            if !line.isEmpty { line.append(UInt8(ascii: " ")) }
            line.append(contentsOf: key.utf8)
            line.append(UInt8(ascii: "="))
            if needsQuotes(value) {
                line.append(contentsOf: quoted(value).utf8)
            } else {
                line.append(contentsOf: value.utf8)
            }
        }
        return String(decoding: line, as: UTF8.self)
    }

    static func quoteIfNeeded(_ value: String) -> String {
        needsQuotes(value) ? quoted(value) : value
    }

    private static func needsQuotes(_ value: String) -> Bool {
        value.isEmpty
            || value.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") || $0 == 0x7F }
    }

    private static func quoted(_ value: String) -> String {
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
