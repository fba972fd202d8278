import Testing

@testable import JSON

@Suite("Parsing valid documents")
struct JSONParserTests {
    @Test("scalars and surrounding whitespace")
    func scalars() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse(" \t\r\n true \n") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse(#""text""#) == .string("text"))
        #expect(try JSONParser.parse("42") == .int(42))
    }

    @Test("containers keep order and nest")
    func containers() throws {
        let value = try JSONParser.parse(#" { "b" : [ 1 , { "c" : null } , [ ] ] , "a" : { } } "#)
        #expect(value == ["b": [1, ["c": nil], []], "a": [:]])
        #expect(value.objectValue?.keys == ["b", "a"])
    }

    @Test(
        "integers that fit Int64 stay integers",
        arguments: [
            ("0", Int64(0)), ("-0", 0), ("7", 7), ("-7", -7), ("1234567890123", 1_234_567_890_123),
            ("9223372036854775807", .max), ("-9223372036854775808", .min),
        ])
    func integers(text: String, expected: Int64) throws {
        #expect(try JSONParser.parse(text) == .int(expected))
    }

    @Test(
        "other numbers become doubles",
        arguments: [
            ("1.5", 1.5), ("-0.25", -0.25), ("1e3", 1000.0), ("1E3", 1000.0), ("1e+3", 1000.0),
            ("2.5e-3", 0.0025), ("-1.0", -1.0), ("0.0", 0.0), ("1e-400", 0.0),
            ("9223372036854775808", 9_223_372_036_854_775_808.0),
            ("-9223372036854775809", -9_223_372_036_854_775_809.0),
            ("123456789012345678901234567890", 1.2345678901234568e29),
            ("1.7976931348623157e308", 1.7976931348623157e308),
        ])
    func doubles(text: String, expected: Double) throws {
        #expect(try JSONParser.parse(text) == .double(expected))
    }

    @Test("every escape")
    func escapes() throws {
        let value = try JSONParser.parse(#""\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u20AC \u0000""#)
        #expect(value == .string("\" \\ / \u{08} \u{0C} \n \r \t A é € \u{00}"))
    }

    @Test("unicode: raw UTF-8, BMP escapes and surrogate pairs")
    func unicode() throws {
        #expect(try JSONParser.parse("\"Ynys Môn – 😀 中文\"") == .string("Ynys Môn – 😀 中文"))
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\uD834\uDD1E x""#) == .string("𝄞 x"))
        #expect(try JSONParser.parse(#""a\uDBFF\uDFFFb""#) == .string("a\u{10FFFF}b"))
        #expect(try JSONParser.parse("\"\u{7F}\u{10FFFF}\"") == .string("\u{7F}\u{10FFFF}"))
    }

    @Test("a byte order mark at the start is skipped")
    func byteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
    }

    @Test("any byte collection is accepted, contiguous or not")
    func collections() throws {
        let bytes = Array(#"{"k":[1,"v"]}"#.utf8)
        let expected: JSONValue = ["k": [1, "v"]]
        #expect(try JSONParser.parse(bytes) == expected)
        #expect(try JSONParser.parse(bytes[...]) == expected)
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == expected)
        #expect(try JSONParser.parse(AnyCollection(bytes)) == expected)
    }

    @Test("the depth limit allows exactly its depth")
    func depthLimit() throws {
        let atLimit = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try JSONParser.parse(atLimit).arrayValue != nil)
        let objects = String(repeating: #"{"a":"#, count: 64) + "1" + String(repeating: "}", count: 64)
        #expect(try JSONParser.parse(objects).objectValue != nil)
        let shallow = JSONParser(maximumDepth: 2)
        #expect(try shallow.parse("[[1]]") == [[1]])
        #expect(try JSONParser(maximumDepth: 0).parse("5") == 5)
        #expect(JSONParser(maximumDepth: 1_000_000).maximumDepth == JSONParser.maximumSupportedDepth)
        #expect(JSONParser(maximumDepth: -3).maximumDepth == 0)
    }

    @Test("long and large documents")
    func largeDocument() throws {
        let elements = (0..<5000).map { "{\"id\":\($0),\"name\":\"council \($0)\",\"rate\":\(Double($0) / 8)}" }
        let text = "[" + elements.joined(separator: ",") + "]"
        let value = try JSONParser.parse(text)
        let array = try #require(value.arrayValue)
        #expect(array.count == 5000)
        #expect(array[4999] == ["id": 4999, "name": "council 4999", "rate": 624.875])
        let wide = "{" + (0..<2000).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        #expect(try JSONParser.parse(wide)["k1999"] == 1999)
    }
}
