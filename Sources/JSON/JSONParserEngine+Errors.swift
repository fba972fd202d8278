/// Building errors with positions. Line and column are worked out only when an error is thrown,
/// so the happy path never counts lines.
extension JSONParserEngine {
    func failure(
        _ kind: JSONParseError.Kind, _ message: String, at offset: Int? = nil
    ) -> JSONParseError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var column = 1
        for byte in UnsafeBufferPointer(rebasing: bytes[0..<offset]) {
            if byte == ASCII.newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes belong to the scalar already counted.
                column += 1
            }
        }
        return JSONParseError(kind: kind, message: message, offset: offset, line: line, column: column)
    }

    /// The input ended where `expected` should have been.
    func endOfInput(expected: String) -> JSONParseError {
        failure(.unexpectedEndOfInput, "expected \(expected) but the input ended")
    }

    /// The byte at `position` is not `expected`; at the end of input this is an end-of-input error.
    func unexpected(expected: String) -> JSONParseError {
        guard position < bytes.count else { return endOfInput(expected: expected) }
        return failure(.unexpectedCharacter, "expected \(expected) but found \(describeCharacter(at: position))")
    }

    func tooDeep() -> JSONParseError {
        failure(.nestingTooDeep, "arrays and objects are nested more than \(maximumDepth) deep")
    }

    /// `'x'` for printable ASCII, `'é' (U+00E9)` for other characters, `U+0009` for controls and
    /// `byte 0xFF` when the bytes are not UTF-8, so a stray smart quote is recognisable.
    func describeCharacter(at offset: Int) -> String {
        let byte = bytes[offset]
        if byte >= 0x21, byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        guard let length = UTF8Validation.sequenceLength(in: bytes, at: offset),
            let scalar = UTF8Validation.decodeScalar(in: bytes, at: offset, length: length)
        else {
            return "byte 0x\(Self.hex(UInt32(byte), width: 2))"
        }
        let code = "U+\(Self.hex(scalar.value, width: 4))"
        if scalar.value < 0x80 || scalar.properties.generalCategory == .control {
            return code
        }
        return "'\(Character(scalar))' (\(code))"
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
