import Testing

@testable import JSON

/// Each class of fault, with where it is reported.
@Suite("Parse errors and their positions")
struct JSONParseErrorTests {
    private func failure(_ text: String, parser: JSONParser = JSONParser()) -> JSONParseError? {
        do {
            _ = try parser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    private func failure(bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test("the message names what was expected, and the line and column point at it")
    func objectMemberSeparator() throws {
        let text = "{\n  \"a\": 1,\n  \"b\": [1, 2]]\n}"
        let error = try #require(failure(text))
        #expect(error.kind == .unexpectedCharacter)
        #expect(error.message == "expected ',' or '}' after object member but found ']'")
        #expect(error.line == 3)
        #expect(error.column == 14)
        #expect(error.offset == 25)
        #expect(error.description == "line 3, column 14: expected ',' or '}' after object member but found ']'")
    }

    @Test("columns count characters, not bytes; CR LF counts as one line break")
    func columnsCountScalars() throws {
        let error = try #require(failure("[\"é😀\", x]"))
        #expect(error.line == 1)
        #expect(error.column == 8)
        let crlf = try #require(failure("[1,\r\n2,\r\n  x]"))
        #expect(crlf.line == 3)
        #expect(crlf.column == 3)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let kind: JSONParseError.Kind
        let line: Int
        let column: Int
        var testDescription: String { text.debugDescription }
    }

    @Test(
        "each error class",
        arguments: [
            Case(text: "", kind: .unexpectedEndOfInput, line: 1, column: 1),
            Case(text: "   \n ", kind: .unexpectedEndOfInput, line: 2, column: 2),
            Case(text: "[1, 2", kind: .unexpectedEndOfInput, line: 1, column: 6),
            Case(text: "{\"a\":", kind: .unexpectedEndOfInput, line: 1, column: 6),
            Case(text: "\n  \"abc", kind: .unexpectedEndOfInput, line: 2, column: 3),
            Case(text: "tru", kind: .unexpectedEndOfInput, line: 1, column: 4),
            Case(text: "[1,]", kind: .unexpectedCharacter, line: 1, column: 4),
            Case(text: "{\"a\":1,}", kind: .unexpectedCharacter, line: 1, column: 8),
            Case(text: "{a:1}", kind: .unexpectedCharacter, line: 1, column: 2),
            Case(text: "{\"a\" 1}", kind: .unexpectedCharacter, line: 1, column: 6),
            Case(text: "[1 2]", kind: .unexpectedCharacter, line: 1, column: 4),
            Case(text: "// c\n1", kind: .unexpectedCharacter, line: 1, column: 1),
            Case(text: "[NaN]", kind: .unexpectedCharacter, line: 1, column: 2),
            Case(text: "trUe", kind: .unexpectedCharacter, line: 1, column: 3),
            Case(text: "'x'", kind: .unexpectedCharacter, line: 1, column: 1),
            Case(text: "-", kind: .unexpectedEndOfInput, line: 1, column: 2),
            Case(text: "-x", kind: .invalidNumber, line: 1, column: 2),
            Case(text: "[01]", kind: .invalidNumber, line: 1, column: 2),
            Case(text: "-012", kind: .invalidNumber, line: 1, column: 1),
            Case(text: "1.", kind: .unexpectedEndOfInput, line: 1, column: 3),
            Case(text: "1.e5", kind: .invalidNumber, line: 1, column: 3),
            Case(text: "[1e]", kind: .invalidNumber, line: 1, column: 4),
            Case(text: "1e+", kind: .unexpectedEndOfInput, line: 1, column: 4),
            Case(text: ".5", kind: .unexpectedCharacter, line: 1, column: 1),
            Case(text: "+1", kind: .unexpectedCharacter, line: 1, column: 1),
            Case(text: "[1e999]", kind: .numberOutOfRange, line: 1, column: 2),
            Case(text: "-1e400", kind: .numberOutOfRange, line: 1, column: 1),
            Case(text: "\"a\\qb\"", kind: .invalidEscape, line: 1, column: 3),
            Case(text: "\"\\u12\"", kind: .invalidUnicodeEscape, line: 1, column: 2),
            Case(text: "\"\\u12", kind: .unexpectedEndOfInput, line: 1, column: 6),
            Case(text: "\"\\uZZZZ\"", kind: .invalidUnicodeEscape, line: 1, column: 2),
            Case(text: "\"x\\ud83d\"", kind: .invalidUnicodeEscape, line: 1, column: 3),
            Case(text: "\"\\ud83d\\u0041\"", kind: .invalidUnicodeEscape, line: 1, column: 2),
            Case(text: "\"\\ude00\"", kind: .invalidUnicodeEscape, line: 1, column: 2),
            Case(text: "\"\\ud83d", kind: .unexpectedEndOfInput, line: 1, column: 8),
            Case(text: "\"\\", kind: .unexpectedEndOfInput, line: 1, column: 3),
            Case(text: "\"a\tb\"", kind: .controlCharacterInString, line: 1, column: 3),
            Case(text: "[\"line\nbreak\"]", kind: .controlCharacterInString, line: 1, column: 7),
            Case(text: "{\"a\":1,\n \"a\":2}", kind: .duplicateKey, line: 2, column: 2),
            Case(text: "1 2", kind: .trailingContent, line: 1, column: 3),
            Case(text: "{} {}", kind: .trailingContent, line: 1, column: 4),
            Case(text: "[1]]", kind: .trailingContent, line: 1, column: 4),
        ])
    func errorClasses(testCase: Case) throws {
        let error = try #require(failure(testCase.text))
        #expect(error.kind == testCase.kind, "\(error)")
        #expect(error.line == testCase.line, "\(error)")
        #expect(error.column == testCase.column, "\(error)")
    }

    @Test("invalid UTF-8 is refused at the offending byte")
    func invalidUTF8() throws {
        let cases: [(bytes: [UInt8], offset: Int)] = [
            ([0x22, 0x61, 0xFF, 0x22], 2),  // 0xFF never appears in UTF-8
            ([0x22, 0xC3, 0x22], 1),  // truncated two-byte sequence
            ([0x22, 0xC0, 0xAF, 0x22], 1),  // overlong '/'
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // encoded surrogate U+D800
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
            ([0x22, 0x80, 0x22], 1),  // lone continuation byte
            ([0x22, 0xE2, 0x82], 1),  // cut off by the end of input
            ([0x22, 0x5C, 0x6E, 0xFE, 0x22], 3),  // after an escape, on the slow path
        ]
        for (bytes, offset) in cases {
            let error = try #require(failure(bytes: bytes))
            #expect(error.kind == .invalidUTF8, "\(bytes): \(error)")
            #expect(error.offset == offset, "\(bytes): \(error)")
        }
        let outside = try #require(failure(bytes: [0x5B, 0xFF, 0x5D]))
        #expect(outside.kind == .unexpectedCharacter)
        #expect(outside.message == "expected a JSON value but found byte 0xFF")
    }

    @Test("duplicate keys are refused at the second key, also in large objects")
    func duplicateKeys() throws {
        let error = try #require(failure(#"{"id": 1, "name": "x", "id": 2}"#))
        #expect(error.kind == .duplicateKey)
        #expect(error.message == #"duplicate key "id" in object"#)
        #expect(error.column == 24)
        let members = (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let large = try #require(failure("{" + members + ",\"k57\":0}"))
        #expect(large.kind == .duplicateKey)
        // The same key in different objects is fine.
        #expect(try JSONParser.parse(#"[{"a":1},{"a":2},{"b":{"a":3}}]"#).arrayValue?.count == 3)
    }

    @Test("nesting beyond the limit is refused at the opening bracket")
    func depthLimit() throws {
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = try #require(failure(tooDeep))
        #expect(error.kind == .nestingTooDeep)
        #expect(error.column == 65)
        let objects = try #require(
            failure(String(repeating: #"{"a":"#, count: 3) + "1}}}", parser: JSONParser(maximumDepth: 2)))
        #expect(objects.kind == .nestingTooDeep)
        #expect(objects.column == 11)
        #expect(failure("[]", parser: JSONParser(maximumDepth: 0))?.kind == .nestingTooDeep)
    }

    @Test("hostile depth neither crashes nor overflows the stack")
    func hostileDepth() throws {
        let brackets = String(repeating: "[", count: 100_000)
        #expect(failure(brackets)?.kind == .nestingTooDeep)
        let deepest = JSONParser(maximumDepth: .max)
        #expect(failure(brackets, parser: deepest)?.kind == .nestingTooDeep)
        let braces = String(repeating: #"{"a":["#, count: 50_000)
        #expect(failure(braces, parser: deepest)?.kind == .nestingTooDeep)
    }

    @Test("unexpected characters are described readably")
    func characterDescriptions() throws {
        #expect(failure("[“x”]")?.message == "expected a JSON value but found '“' (U+201C)")
        #expect(failure("[1,\u{01}]")?.message == "expected a JSON value but found U+0001")
        #expect(failure("\"a\u{01}\"")?.message == "control character U+0001 must be escaped in a string")
        #expect(failure("[1}")?.message == "expected ',' or ']' after array element but found '}'")
        #expect(failure("{\"a\":1")?.message == "expected ',' or '}' after object member but the input ended")
    }
}
