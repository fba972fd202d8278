/// Numbers, checked against the RFC 8259 grammar
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` before any conversion, so that the
/// conversion functions only ever see text they agree with.
extension JSONParserEngine {
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        let isNegative = bytes[position] == ASCII.minus
        if isNegative { position += 1 }

        guard position < bytes.count else { throw endOfInput(expected: "a digit after '-'") }
        if bytes[position] == ASCII.zero {
            position += 1
            if position < bytes.count, ASCII.isDigit(bytes[position]) {
                throw failure(.invalidNumber, "leading zeros are not allowed in numbers", at: start)
            }
        } else if ASCII.isDigit(bytes[position]) {
            skipDigits()
        } else {
            throw failure(.invalidNumber, "expected a digit after '-' but found \(describeCharacter(at: position))")
        }
        var isInteger = true

        if position < bytes.count, bytes[position] == ASCII.dot {
            isInteger = false
            position += 1
            try requireDigit(after: "the decimal point")
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == ASCII.plus || bytes[position] == ASCII.minus {
                position += 1
            }
            try requireDigit(after: "the exponent marker")
        }

        let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, let integer = Self.int64(fromDigits: text, isNegative: isNegative) {
            return .int(integer)
        }
        guard let number = Double(String(decoding: text, as: UTF8.self)), number.isFinite else {
            throw failure(.numberOutOfRange, "number is too large to represent", at: start)
        }
        return .double(number)
    }

    private mutating func requireDigit(after what: String) throws(JSONParseError) {
        guard position < bytes.count else { throw endOfInput(expected: "a digit after \(what)") }
        guard ASCII.isDigit(bytes[position]) else {
            throw failure(
                .invalidNumber, "expected a digit after \(what) but found \(describeCharacter(at: position))")
        }
        skipDigits()
    }

    private mutating func skipDigits() {
        while position < bytes.count, ASCII.isDigit(bytes[position]) {
            position += 1
        }
    }

    /// The value of an optionally negative run of digits, or `nil` if it does not fit `Int64`.
    /// Accumulates downwards so that `Int64.min`, whose magnitude has no positive `Int64`, parses.
    private static func int64(fromDigits text: UnsafeBufferPointer<UInt8>, isNegative: Bool) -> Int64? {
        var value: Int64 = 0
        for byte in text where byte != ASCII.minus {
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (next, digitOverflow) = shifted.subtractingReportingOverflow(Int64(byte - ASCII.zero))
            if shiftOverflow || digitOverflow { return nil }
            value = next
        }
        if isNegative { return value }
        let (positive, overflow) = value.multipliedReportingOverflow(by: -1)
        return overflow ? nil : positive
    }
}
