import Testing

@testable import JSON

@Suite("Serialisation")
struct JSONSerializationTests {
    private func text(_ value: JSONValue) -> String {
        value.serializedString()
    }

    @Test("scalars")
    func scalars() {
        #expect(text(.null) == "null")
        #expect(text(true) == "true")
        #expect(text(false) == "false")
        #expect(text(0) == "0")
        #expect(text(-7) == "-7")
        #expect(text(.int(Int64.max)) == "9223372036854775807")
        #expect(text(.int(Int64.min)) == "-9223372036854775808")
        #expect(text(1000) == "1000")
    }

    @Test(
        "doubles use the shortest round-trip form",
        arguments: [
            (1.0, "1.0"), (1e-05, "1e-05"), (2.6238, "2.6238"), (-0.5, "-0.5"), (0.1, "0.1"),
            (1e16, "1e+16"), (123456.75, "123456.75"), (.leastNonzeroMagnitude, "5e-324"), (-0.0, "-0.0"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ])
    func doubles(number: Double, expected: String) throws {
        #expect(text(.double(number)) == expected)
        // And the form is valid JSON that reads back as the same number.
        let parsed = try JSONParser.parse(expected)
        #expect(parsed == .double(number))
    }

    @Test("NaN and infinities become null", arguments: [Double.nan, .infinity, -.infinity, .signalingNaN])
    func nonFinite(number: Double) throws {
        #expect(text(.double(number)) == "null")
        let document: JSONValue = ["rate": .double(number), "list": [.double(number)]]
        #expect(text(document) == #"{"rate":null,"list":[null]}"#)
        #expect(try JSONParser.parse(document.serialized()) == ["rate": nil, "list": [nil]])
    }

    @Test("every short escape and control characters")
    func escapes() {
        #expect(text("a\"b") == #""a\"b""#)
        #expect(text("a\\b") == #""a\\b""#)
        #expect(text("\u{08}\u{0C}\n\r\t") == #""\b\f\n\r\t""#)
        #expect(text("\u{00}\u{01}\u{1F}") == #""\u0000\u0001\u001f""#)
        #expect(text("a/b") == #""a/b""#)
        #expect(text("\u{7F}") == "\"\u{7F}\"")
        for code in UInt8(0)..<0x20 {
            let encoded = text(.string(String(UnicodeScalar(code))))
            #expect(encoded.hasPrefix("\"\\"), "U+\(code) must be escaped")
        }
    }

    @Test("non-ASCII is written as UTF-8; line separators are escaped unless asked not to")
    func unicode() {
        let value: JSONValue = "Café 😀 ünïcödé"
        #expect(value.serialized() == Array("\"Café 😀 ünïcödé\"".utf8))
        #expect(text("a\u{2028}b\u{2029}c") == #""a\u2028b\u2029c""#)
        let raw = JSONValue.string("a\u{2028}b").serialized(
            options: JSONSerializationOptions(escapesLineSeparators: false))
        #expect(raw == Array("\"a\u{2028}b\"".utf8))
        // Other characters starting with byte E2 are not touched.
        #expect(text("€ … ‘x’") == "\"€ … ‘x’\"")
    }

    @Test("object member order is kept")
    func order() {
        let value: JSONValue = ["z": 1, "a": 2, "m": [true, nil]]
        #expect(text(value) == #"{"z":1,"a":2,"m":[true,null]}"#)
        #expect(text([]) == "[]")
        #expect(text([:]) == "{}")
    }

    @Test("pretty output")
    func pretty() {
        let value: JSONValue = ["name": "Bath", "years": [2023, 2024], "empty": [], "nested": ["k": [:]]]
        let expected = """
            {
              "name": "Bath",
              "years": [
                2023,
                2024
              ],
              "empty": [],
              "nested": {
                "k": {}
              }
            }
            """
        #expect(value.serializedString(pretty: true) == expected)
    }

    @Test("serialising into an existing buffer appends")
    func appendsToBuffer() {
        var buffer = Array("data: ".utf8)
        JSONValue.array([1, "x"]).serialize(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"data: [1,"x"]"#)
    }

    @Test("description is the compact text")
    func description() {
        let value: JSONValue = ["a": [1, 2.5]]
        #expect(value.description == #"{"a":[1,2.5]}"#)
    }
}
