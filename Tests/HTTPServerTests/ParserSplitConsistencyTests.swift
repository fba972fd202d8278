import Testing

@testable import HTTPServer

/// Inputs the parser fuzzer (Fuzz/ParserFuzzer) found answered differently depending on how the
/// bytes were split into reads. A peer controls the splits, so each difference is a way to make
/// the server and a proxy in front of it disagree; every case here must come out the same whole,
/// byte by byte, and split where the fuzzer split it.
@Suite("Parser: same answer however the reads are split")
struct ParserSplitConsistencyTests {
    /// Fed whole, split once at `splitAt`, and byte by byte: the error (status and detail) of each.
    private static func errors(
        _ input: [UInt8], splitAt: Int, limits: ParserLimits = ParserLimits()
    ) -> [HTTPParseError?] {
        let whole = ParserHarness.error(input, limits: limits)
        let byByte = ParserHarness.error(input, pieceSize: 1, limits: limits)
        var parser = RequestParser(limits: limits)
        var split: HTTPParseError?
        do throws(HTTPParseError) {
            parser.append(input[..<splitAt])
            while try parser.next() != nil {}
            parser.append(input[splitAt...])
            while try parser.next() != nil {}
        } catch {
            split = error
        }
        return [whole, split, byByte]
    }

    @Test(arguments: [
        // Fuzzer finds: a bare LF ended a request line that was already not a request line.
        ([0x47, 0xF2, 0xF2, 0xF2, 0xF2] + Array("cET /x HTTP/1.3\n".utf8), 5),
        ([0x47, 0x45, 0x54, 0xA0] + Array("/x HTTP\r2./1\nHost: a\r\n\r\n".utf8), 7),
    ])
    func bareLFAfterABadRequestLinePrefixIsTheBadPrefix(input: [UInt8], splitAt: Int) throws {
        let errors = Self.errors(input, splitAt: splitAt)
        let first = try #require(errors.first ?? nil)
        #expect(first.detail == "The request does not start with an HTTP method.")
        #expect(errors.allSatisfy { $0 == first })
    }

    @Test func bareLFAfterAnOverlongRequestLineIs414() throws {
        let input = Array("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\nHost: a\r\n\r\n".utf8)
        let errors = Self.errors(input, splitAt: 8500)
        #expect(errors.allSatisfy { $0?.status == .uriTooLong })
        #expect(Set(errors).count == 1)
    }

    @Test func bareLFAfterAnOverlongHeaderLineIs431() throws {
        var limits = ParserLimits()
        limits.maxHeaderBytes = 64
        let input = Array("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "v", count: 80))\n\r\n".utf8)
        let errors = Self.errors(input, splitAt: 70, limits: limits)
        #expect(errors.allSatisfy { $0?.status == .requestHeaderFieldsTooLarge })
        #expect(Set(errors).count == 1)
    }

    @Test func bareLFAfterAnOverlongChunkSizeLineIsTooLong() throws {
        var limits = ParserLimits()
        limits.maxChunkLineBytes = 16
        let input = Array(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;\(String(repeating: "e", count: 30))\n"
                .utf8)
        let errors = Self.errors(input, splitAt: 70, limits: limits)
        let first = try #require(errors.first ?? nil)
        #expect(first.detail.contains("chunk-size line is longer"))
        #expect(errors.allSatisfy { $0 == first })
    }

    /// Fuzzer find: a header section exactly at the byte limit was accepted whole, but refused
    /// with 431 when the CR of the final empty line arrived on its own.
    @Test func headerSectionAtTheByteLimitIsAcceptedWhenTheFinalCRArrivesAlone() throws {
        var limits = ParserLimits()
        limits.maxHeaderBytes = 64
        // "Host: a\r\n" is 9 bytes; "X: " + value + "\r\n" is 5 + value.
        let value = String(repeating: "v", count: 64 - 9 - 5)
        let input = "GET / HTTP/1.1\r\nHost: a\r\nX: \(value)\r\n\r\n"
        let whole = try ParserHarness.requests(input, limits: limits)
        let byByte = try ParserHarness.requests(input, pieceSize: 1, limits: limits)
        #expect(whole.count == 1)
        #expect(byByte.map { ParserHarness.describe($0.head) } == whole.map { ParserHarness.describe($0.head) })
        #expect(byByte.first?.ended == true)
    }
}
