/// SQLite's parameter marks (`?`, `?NNN`) rewritten to PostgreSQL's (`$1`, `$NNN`).
///
/// The repositories write one SQL text for both engines, in SQLite's spelling; this is the
/// only place that knows PostgreSQL spells parameters differently. Numbering follows SQLite's
/// rule: `?NNN` is parameter NNN, and a bare `?` is one more than the largest number so far.
/// Marks inside string literals, quoted identifiers and comments are left alone. Done once per
/// statement text (the connection caches the prepared result).
enum PlaceholderRewriting {
    /// The rewritten text and how many parameters it takes.
    static func rewrite(_ sql: String) -> (text: String, parameterCount: Int) {
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var highest = 0
        var index = 0
        func copy(until end: Int) {
            output.append(contentsOf: bytes[index..<min(end, bytes.count)])
            index = min(end, bytes.count)
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // A quoted literal or identifier; a doubled quote inside is an escaped quote.
                var end = index + 1
                while end < bytes.count {
                    if bytes[end] == byte {
                        if end + 1 < bytes.count, bytes[end + 1] == byte { end += 2; continue }
                        break
                    }
                    end += 1
                }
                copy(until: end + 1)
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                copy(until: bytes[index...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count)
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                var end = index + 2
                while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) {
                    end += 1
                }
                copy(until: end + 2)
            case UInt8(ascii: "?"):
                var end = index + 1
                var number = 0
                while end < bytes.count, let digit = digitValue(bytes[end]), number < 100_000 {
                    number = number * 10 + digit
                    end += 1
                }
                if end == index + 1 {
                    highest += 1
                    number = highest
                } else {
                    highest = max(highest, number)
                }
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: String(number).utf8)
                index = end
            default:
                output.append(byte)
                index += 1
            }
        }
        return (String(decoding: output, as: UTF8.self), highest)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
