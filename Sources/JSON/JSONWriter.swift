/// Appends the JSON text of values to one byte buffer.
///
/// Output always parses: non-finite doubles, which JSON cannot express, become `null`; strings are
/// escaped per RFC 8259 and otherwise copied as UTF-8 in runs rather than byte by byte.
struct JSONWriter {
    var output: [UInt8]
    let options: JSONSerializationOptions

    init(output: [UInt8] = [], options: JSONSerializationOptions) {
        self.output = output
        self.options = options
    }

    mutating func write(_ value: JSONValue, depth: Int = 0) {
        switch value {
        case .null:
            append("null")
        case .bool(let flag):
            append(flag ? "true" : "false")
        case .int(let number):
            writeInteger(number)
        case .double(let number):
            writeDouble(number)
        case .string(let text):
            writeString(text)
        case .array(let elements):
            writeArray(elements, depth: depth)
        case .object(let object):
            writeObject(object, depth: depth)
        }
    }

    private mutating func writeArray(_ elements: [JSONValue], depth: Int) {
        guard !elements.isEmpty else {
            append("[]")
            return
        }
        output.append(ASCII.openBracket)
        for (position, element) in elements.enumerated() {
            if position > 0 { output.append(ASCII.comma) }
            writeNewline(depth: depth + 1)
            write(element, depth: depth + 1)
        }
        writeNewline(depth: depth)
        output.append(ASCII.closeBracket)
    }

    private mutating func writeObject(_ object: JSONObject, depth: Int) {
        guard !object.isEmpty else {
            append("{}")
            return
        }
        output.append(ASCII.openBrace)
        var isFirst = true
        for (key, value) in object {
            if !isFirst { output.append(ASCII.comma) }
            isFirst = false
            writeNewline(depth: depth + 1)
            writeString(key)
            output.append(ASCII.colon)
            if options.isPretty { output.append(ASCII.space) }
            write(value, depth: depth + 1)
        }
        writeNewline(depth: depth)
        output.append(ASCII.closeBrace)
    }

    private mutating func writeNewline(depth: Int) {
        guard options.isPretty else { return }
        output.append(ASCII.newline)
        output.append(contentsOf: repeatElement(ASCII.space, count: depth * 2))
    }

    private mutating func writeInteger(_ number: Int64) {
        if number < 0 { output.append(ASCII.minus) }
        var magnitude = number.magnitude
        var digitCount = 1
        var probe = magnitude / 10
        while probe > 0 {
            digitCount += 1
            probe /= 10
        }
        let start = output.count
        output.append(contentsOf: repeatElement(ASCII.zero, count: digitCount))
        var position = start + digitCount - 1
        while magnitude >= 10 {
            output[position] = ASCII.zero + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            position -= 1
        }
        output[position] = ASCII.zero + UInt8(truncatingIfNeeded: magnitude)
    }

    /// Swift's `description` is the shortest text that reads back as the same `Double`, and its forms
    /// (`1.0`, `1e-05`, `1e+16`, `-0.0`) are all valid JSON numbers.
    private mutating func writeDouble(_ number: Double) {
        guard number.isFinite else {
            append("null")
            return
        }
        append(number.description)
    }

    mutating func writeString(_ text: String) {
        output.append(ASCII.quote)
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var position = 0
            while position < bytes.count {
                let byte = bytes[position]
                if byte >= 0x20, byte != ASCII.quote, byte != ASCII.backslash, byte != 0xE2 {
                    position += 1
                    continue
                }
                if byte == 0xE2 {
                    // U+2028 is E2 80 A8 and U+2029 is E2 80 A9 in UTF-8.
                    guard options.escapesLineSeparators, position + 2 < bytes.count,
                        bytes[position + 1] == 0x80,
                        bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9
                    else {
                        position += 1
                        continue
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                    append(bytes[position + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    position += 3
                    runStart = position
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                writeEscape(for: byte)
                position += 1
                runStart = position
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(ASCII.quote)
    }

    private mutating func writeEscape(for byte: UInt8) {
        output.append(ASCII.backslash)
        switch byte {
        case ASCII.quote: output.append(ASCII.quote)
        case ASCII.backslash: output.append(ASCII.backslash)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            append("u00")
            output.append(ASCII.hexDigit(byte >> 4))
            output.append(ASCII.hexDigit(byte & 0x0F))
        }
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }
}

/// The bytes the writer and parser name; spelled once so that the code reads as grammar.
enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= zero && byte <= nine
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? zero + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// The value of a hexadecimal digit, or `nil` for any other byte.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case zero...nine: return byte - zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
