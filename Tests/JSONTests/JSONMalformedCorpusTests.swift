import Testing

@testable import JSON

/// Documents a fuzzer or a careless client might send. Each must be refused with an error whose
/// position lies inside the input; none may crash.
@Suite("Malformed corpus")
struct JSONMalformedCorpusTests {
    /// A document shown in test output by its first bytes rather than as a list of numbers.
    struct Document: Sendable, CustomTestStringConvertible {
        let bytes: [UInt8]
        var testDescription: String {
            let shown = String(decoding: bytes.prefix(40), as: UTF8.self).debugDescription
            return bytes.count > 40 ? "\(shown)… (\(bytes.count) bytes)" : shown
        }
    }

    static let corpus: [Document] = {
        let texts = [
            "{", "}", "[", "]", ",", ":", "[,1]", "[1,,2]", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\":1,,\"b\":2}",
            "{\"a\":1 \"b\":2}", "[1,2,]", "{\"a\":1,}", "{1:2}", "[\"unterminated]", "\"\\u12", "\"\\u\"",
            "\"\\uD800\\n\"", "[-]", "[--1]", "[1.2.3]", "[1e1e1]", "[0x10]", "[Infinity]", "[-Infinity]",
            "[nan]", "[True]", "[nul]", "[null", "{\"a\":[1,{\"b\":2]}", "/* comment */ 1", "[1] // trailing",
            "\"tab\there\"", "[1e99999999999999999999]", "[00]", "[.1]", "[1.]", "\u{FEFF}\u{FEFF}1",
            "{\"a\":1}garbage", "[\"a\" \"b\"]", "[\u{00}]", "\"\\x41\"", "\"\\'\"",
        ]
        var documents = texts.map { Array($0.utf8) }
        documents += [
            [0xFF], [0xC3], [0x22, 0xC3, 0x28, 0x22], [0x5B, 0x22, 0xF0, 0x9F, 0x98, 0x22, 0x5D],
            [0xEF, 0xBB], [0xEF, 0xBB, 0xBF], [0x00], Array(repeating: 0x5B, count: 100_000),
            Array(repeating: 0x7B, count: 1000),
            Array("[".utf8) + Array(repeating: 0x31, count: 400) + Array("e99999".utf8),
        ]
        return documents.map(Document.init)
    }()

    @Test("every malformed document throws a positioned error", arguments: corpus)
    func refused(document: Document) throws {
        let document = document.bytes
        do {
            let value = try JSONParser.parse(document)
            Issue.record("accepted \(String(decoding: document.prefix(60), as: UTF8.self)) as \(value)")
        } catch {
            #expect(error.offset >= 0 && error.offset <= document.count)
            #expect(error.line >= 1 && error.column >= 1)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("every prefix of valid documents is refused or parsed, never crashing")
    func truncations() {
        let documents = [
            #"{"name": "Café \u00e9 \ud83d\ude00", "n": [-1.5e-3, 0, 12, true, false, null], "o": {"k": "v"}}"#,
            "[\"😀 ünïcode\", 9223372036854775807, -9223372036854775808, 1E+2]",
        ]
        for document in documents {
            let bytes = Array(document.utf8)
            var accepted = 0
            for length in 0...bytes.count {
                if (try? JSONParser.parse(bytes[0..<length])) != nil { accepted += 1 }
            }
            // Only the complete document parses (no prefix of an object or array is a value).
            #expect(accepted == 1)
        }
    }

    @Test("random byte soup never crashes")
    func randomBytes() {
        var generator = SplitMix64(seed: 0xC0FFEE)
        let alphabet = Array(#"{}[],:"\/ubfnrt0123456789-+.eEtruefalsn "#.utf8) + [0xC3, 0xA9, 0xFF, 0xED, 0x0A, 0x00]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            do {
                let value = try JSONParser.parse(bytes)
                // Whatever was accepted must serialise and parse back the same.
                #expect(try JSONParser.parse(value.serialized()) == value)
            } catch {
                #expect(error.offset <= bytes.count)
            }
        }
    }
}
