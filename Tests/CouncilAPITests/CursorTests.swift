import Testing

@testable import CouncilAPI

@Suite struct CursorTests {
    @Test(arguments: [
        ["2024-06-01", "24001234"], ["knowsley"], ["", "a,b", "ünïcödé ✓", String(repeating: "x", count: 300)],
    ])
    func roundTrips(_ key: [String]) throws {
        let token = Cursor.encode(key)
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(Cursor.decode(token) == key)
    }

    @Test(arguments: ["", "!!!!", "AA", "A", "AQ", "not a cursor", "AgE", String(repeating: "A", count: 2000)])
    func refusesTokensItDidNotIssue(_ token: String) {
        #expect(Cursor.decode(token) == nil)
    }

    @Test func base64URLMatchesRFC4648Vectors() {
        let vectors: [(String, String)] = [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
        ]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("Zh") == nil, "non-zero leftover bits are a second spelling")
    }
}
