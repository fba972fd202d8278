/// The parsing state machine over one contiguous buffer.
///
/// Containers under construction live on an explicit stack (`frames`) instead of the call stack,
/// which is what makes arbitrarily deep input safe. Each loop turn reads one value; a scalar or
/// empty container completes at once, and completing a value may close any number of enclosing
/// containers.
struct JSONParserEngine {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var position = 0
    /// Reused for strings with escapes, so only the final `String` is allocated per string.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// One array or object still open.
    private struct Frame {
        let isObject: Bool
        var elements: [JSONValue] = []
        var object = JSONObject()
        /// For objects: the key whose value is being read.
        var pendingKey = ""
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipByteOrderMark()
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count {
            throw failure(.trailingContent, "unexpected \(describeCharacter(at: position)) after the JSON value")
        }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var frames: [Frame] = []
        readingValues: while true {
            // Whitespace before the value has been skipped.
            var completed: JSONValue
            guard position < bytes.count else {
                throw endOfInput(expected: "a JSON value")
            }
            switch bytes[position] {
            case ASCII.openBracket:
                guard frames.count < maximumDepth else { throw tooDeep() }
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == ASCII.closeBracket {
                    position += 1
                    completed = .array([])
                } else {
                    frames.append(Frame(isObject: false))
                    continue readingValues
                }
            case ASCII.openBrace:
                guard frames.count < maximumDepth else { throw tooDeep() }
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == ASCII.closeBrace {
                    position += 1
                    completed = .object(JSONObject())
                } else {
                    var frame = Frame(isObject: true)
                    frame.pendingKey = try parseMemberKey(notIn: frame.object)
                    frames.append(frame)
                    continue readingValues
                }
            default:
                completed = try parseScalar()
            }

            // Hand the completed value to its container; close containers as the input closes them.
            while let top = frames.indices.last {
                skipWhitespace()
                let next: UInt8? = position < bytes.count ? bytes[position] : nil
                if frames[top].isObject {
                    frames[top].object.appendNew(key: frames[top].pendingKey, value: completed)
                    switch next {
                    case ASCII.comma:
                        position += 1
                        skipWhitespace()
                        frames[top].pendingKey = try parseMemberKey(notIn: frames[top].object)
                        continue readingValues
                    case ASCII.closeBrace:
                        position += 1
                        completed = .object(frames.removeLast().object)
                    default:
                        throw unexpected(expected: "',' or '}' after object member")
                    }
                } else {
                    frames[top].elements.append(completed)
                    switch next {
                    case ASCII.comma:
                        position += 1
                        skipWhitespace()
                        continue readingValues
                    case ASCII.closeBracket:
                        position += 1
                        completed = .array(frames.removeLast().elements)
                    default:
                        throw unexpected(expected: "',' or ']' after array element")
                    }
                }
            }
            return completed
        }
    }

    /// Reads `"key"` and the `:` after it, refusing a key the object already has.
    private mutating func parseMemberKey(notIn object: JSONObject) throws(JSONParseError) -> String {
        guard position < bytes.count, bytes[position] == ASCII.quote else {
            throw unexpected(expected: "a quoted object key")
        }
        let keyOffset = position
        let key = try parseString()
        if object.contains(key: key) {
            throw failure(.duplicateKey, "duplicate key \(Self.quoted(key)) in object", at: keyOffset)
        }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == ASCII.colon else {
            throw unexpected(expected: "':' after object key")
        }
        position += 1
        skipWhitespace()
        return key
    }

    private mutating func parseScalar() throws(JSONParseError) -> JSONValue {
        switch bytes[position] {
        case ASCII.quote:
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return try parseNumber()
        default:
            throw unexpected(expected: "a JSON value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in text {
            guard position < bytes.count else {
                throw endOfInput(expected: "'\(literal)'")
            }
            guard bytes[position] == expected else {
                throw unexpected(expected: "'\(literal)'")
            }
            position += 1
        }
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case ASCII.space, ASCII.newline, ASCII.carriageReturn, ASCII.tab:
                position += 1
            default:
                return
            }
        }
    }

    private mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
        }
    }

    /// A key shown in a message: JSON-quoted, so odd characters stay visible, and cut to a sane length.
    private static func quoted(_ key: String) -> String {
        let limit = 40
        let shown = key.count > limit ? String(key.prefix(limit)) + "…" : key
        return JSONValue.string(shown).serializedString()
    }
}
