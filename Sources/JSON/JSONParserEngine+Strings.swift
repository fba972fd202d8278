/// String literals. Strings without escapes, the usual case, are validated in place and copied once.
extension JSONParserEngine {
    /// Reads a string starting at its opening quote and leaves `position` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let openingQuote = position
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == ASCII.quote {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == ASCII.backslash { break }
            try skipCharacter(byte)
        }
        guard position < bytes.count else { throw unterminated(from: openingQuote) }

        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == ASCII.quote {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == ASCII.backslash {
                try decodeEscape()
            } else {
                let characterStart = position
                try skipCharacter(byte)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[characterStart..<position]))
            }
        }
        throw unterminated(from: openingQuote)
    }

    /// Steps over one unescaped character, refusing raw control characters and ill-formed UTF-8.
    private mutating func skipCharacter(_ byte: UInt8) throws(JSONParseError) {
        if byte < 0x20 {
            throw failure(
                .controlCharacterInString,
                "control character \(describeCharacter(at: position)) must be escaped in a string")
        }
        if byte < 0x80 {
            position += 1
            return
        }
        guard let length = UTF8Validation.sequenceLength(in: bytes, at: position) else {
            throw failure(.invalidUTF8, "invalid UTF-8 byte 0x\(Self.hex(UInt32(byte), width: 2)) in string")
        }
        position += length
    }

    /// Decodes the escape at `position` (a backslash) into `scratch`.
    private mutating func decodeEscape() throws(JSONParseError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else {
            throw endOfInput(expected: "an escape sequence after '\\'")
        }
        let simple: UInt8?
        switch bytes[position] {
        case ASCII.quote: simple = ASCII.quote
        case ASCII.backslash: simple = ASCII.backslash
        case ASCII.slash: simple = ASCII.slash
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            throw failure(
                .invalidEscape, "invalid escape '\\' followed by \(describeCharacter(at: position))",
                at: escapeStart)
        }
        if let simple {
            scratch.append(simple)
            position += 1
            return
        }
        position += 1
        let unit = try readHexQuad(escapeStart: escapeStart)
        switch unit {
        case 0xD800...0xDBFF:
            // A high surrogate is only meaningful with a low surrogate escape right after it.
            let remaining = bytes.count - position
            guard remaining >= 2, bytes[position] == ASCII.backslash, bytes[position + 1] == UInt8(ascii: "u")
            else {
                let inputEndsInsideEscape = remaining == 0 || (remaining == 1 && bytes[position] == ASCII.backslash)
                if inputEndsInsideEscape {
                    throw endOfInput(expected: "a low surrogate escape after \\u\(Self.hex(unit, width: 4))")
                }
                throw failure(
                    .invalidUnicodeEscape,
                    "high surrogate \\u\(Self.hex(unit, width: 4)) is not followed by a low surrogate escape",
                    at: escapeStart)
            }
            let lowStart = position
            position += 2
            let low = try readHexQuad(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw failure(
                    .invalidUnicodeEscape,
                    "high surrogate \\u\(Self.hex(unit, width: 4)) is followed by \\u\(Self.hex(low, width: 4)), "
                        + "not a low surrogate",
                    at: escapeStart)
            }
            UTF8Validation.append(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), to: &scratch)
        case 0xDC00...0xDFFF:
            throw failure(
                .invalidUnicodeEscape,
                "low surrogate \\u\(Self.hex(unit, width: 4)) without a preceding high surrogate",
                at: escapeStart)
        default:
            UTF8Validation.append(unit, to: &scratch)
        }
    }

    /// Reads the four hex digits of a `\u` escape.
    private mutating func readHexQuad(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count else {
                throw endOfInput(expected: "four hex digits after '\\u'")
            }
            guard let digit = ASCII.hexValue(bytes[position]) else {
                throw failure(
                    .invalidUnicodeEscape,
                    "expected four hex digits after '\\u' but found \(describeCharacter(at: position))",
                    at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private func unterminated(from openingQuote: Int) -> JSONParseError {
        failure(.unexpectedEndOfInput, "string is not terminated before the end of the input", at: openingQuote)
    }
}
