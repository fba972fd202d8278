import Testing

@testable import JSON

extension JSONConformanceCase: CustomTestStringConvertible {
    var testDescription: String { name }
}

/// The RFC 8259 conformance corpus (Corpus/): `y_` documents parse, and what they parse to
/// serialises and parses back the same; `n_` documents are refused with a positioned error, never
/// a crash; `i_` documents get the choice recorded for them.
@Suite("RFC 8259 conformance corpus")
struct JSONConformanceTests {
    @Test("names are unique and say y_, n_ or i_; every i_ records our choice")
    func corpusShape() {
        let names = JSONConformanceCorpus.all.map(\.name)
        #expect(Set(names).count == names.count)
        for document in JSONConformanceCorpus.all {
            let prefix = document.name.prefix(2)
            #expect(["y_", "n_", "i_"].contains(prefix), "\(document.name)")
            #expect((prefix == "i_") == (document.ours != nil), "\(document.name)")
        }
    }

    @Test("each document gets the treatment its name promises", arguments: JSONConformanceCorpus.all)
    func document(_ document: JSONConformanceCase) throws {
        let mustAccept = document.mustAccept || document.ours == .accepts
        do {
            let value = try JSONParser.parse(document.bytes)
            #expect(mustAccept, "accepted \(document.name) as \(value)")
            #expect(try JSONParser.parse(value.serialized()) == value, "round trip of \(document.name)")
        } catch {
            #expect(!mustAccept, "refused \(document.name): \(error)")
            #expect(error.offset >= 0 && error.offset <= document.bytes.count)
            #expect(error.line >= 1 && error.column >= 1 && !error.message.isEmpty)
        }
    }

    @Test("a duplicate member name is refused with the name and the position of its second use")
    func duplicateNames() throws {
        let text = "{\"council\": \"Bath\",\n  \"year\": 2024,\n  \"council\": \"Bristol\"}"
        let error = try #require(Self.failure(text))
        #expect(error.kind == .duplicateKey)
        #expect(error.description == #"line 3, column 3: duplicate key "council" in object"#)
    }

    @Test("100,000 open brackets or braces are refused as too deep, not by a stack overflow")
    func deepNesting() throws {
        for opener in ["[", #"{"a":"#] {
            let error = try #require(Self.failure(String(repeating: opener, count: 100_000)))
            #expect(error.kind == .nestingTooDeep)
            #expect(error.message == "arrays and objects are nested more than 64 deep")
        }
    }

    private static func failure(_ text: String) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return error
        }
    }
}
