/// Renders `key=value` pairs, quoting values that contain spaces, quotes, `=` or control bytes, so a
/// value can never forge another field or another line.
enum LogfmtLine {
    static func render(_ fields: [(String, String)]) -> String {
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
