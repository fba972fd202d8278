import Foundation
import Testing

@testable import HTTPServer

/// The server's small parts, tested without sockets.
@Suite("Server components")
struct ServerComponentsTests {
    @Test func httpDateIsIMFFixdate() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.now().count == 29)
    }

    @Test func requestIDKeepsOnlySaneClientValues() {
        #expect(RequestID.choose(clientValue: "abc-123_XYZ") == "abc-123_XYZ")
        #expect(RequestID.choose(clientValue: String(repeating: "z", count: 128)).count == 128)
        for bad in ["", "has space", "tab\there", String(repeating: "z", count: 129), "é"] {
            let chosen = RequestID.choose(clientValue: bad)
            #expect(chosen != bad)
            #expect(chosen.count == 32)
        }
        #expect(RequestID.generate() != RequestID.generate())
        #expect(RequestID.generate().allSatisfy { $0.isHexDigit })
    }

    @Test func logfmtQuotesOnlyWhenNeeded() {
        #expect(LogfmtLine.render([("a", "plain"), ("b", "/path?x")]) == "a=plain b=/path?x")
        #expect(LogfmtLine.render([("msg", "two words")]) == "msg=\"two words\"")
        #expect(LogfmtLine.render([("v", "")]) == "v=\"\"")
        #expect(LogfmtLine.render([("v", "a=b")]) == "v=\"a=b\"")
        #expect(LogfmtLine.render([("v", "say \"hi\"\n")]) == "v=\"say \\\"hi\\\"\\n\"")
    }

    @Test func accessRecordFormatsMillisecondsWithThreeDecimals() {
        let record = AccessRecord(
            method: "GET", path: "/", status: 200, bodyBytes: 0, duration: .microseconds(1_502),
            requestID: "r", remoteAddress: "x")
        #expect(record.durationMillisecondsText == "1.502")
        var fast = record
        fast.duration = .nanoseconds(40_000)
        #expect(fast.durationMillisecondsText == "0.040")
    }

    @Test func outboundBufferHandsOutBytesInOrderAcrossPartialSends() {
        var buffer = OutboundBuffer()
        buffer.append(Array("head".utf8))
        buffer.append(Array("body".utf8))
        buffer.append([UInt8](repeating: 7, count: 20_000))
        #expect(buffer.count == 20_008)
        var sent: [UInt8] = []
        while !buffer.isEmpty {
            // Take at most 3 bytes at a time, like a socket that is nearly full.
            _ = buffer.withFirstUnsent { bytes in
                let taken = min(3, bytes.count)
                sent.append(contentsOf: bytes.prefix(taken))
                return taken
            }
        }
        #expect(sent == Array("headbody".utf8) + [UInt8](repeating: 7, count: 20_000))
        #expect(buffer.count == 0)
    }

    @Test func smallBodyStaysInMemory() throws {
        var body = BodyAccumulator(
            limit: 100, memoryThreshold: 10, temporaryDirectory: NSTemporaryDirectory(),
            budget: SpoolBudget(limit: .max))
        try body.append(Array("hello".utf8))
        guard case .bytes(let bytes) = try body.finish() else {
            Issue.record("expected an in-memory body")
            return
        }
        #expect(bytes == Array("hello".utf8))
    }

    @Test func largeBodyIsSpooledAndTheFileRemovedWhenDropped() throws {
        var body = BodyAccumulator(
            limit: 100, memoryThreshold: 10, temporaryDirectory: NSTemporaryDirectory(),
            budget: SpoolBudget(limit: .max))
        try body.append(Array("0123456789".utf8))
        try body.append(Array("abcdef".utf8))
        var path = ""
        do {
            guard case .file(let file) = try body.finish() else {
                Issue.record("expected a spooled body")
                return
            }
            path = file.path
            #expect(file.byteCount == 16)
            #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "0123456789abcdef")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func bodyOverTheLimitIsRefused() throws {
        var body = BodyAccumulator(
            limit: 8, memoryThreshold: 4, temporaryDirectory: NSTemporaryDirectory(), budget: SpoolBudget(limit: .max))
        try body.append(Array("1234".utf8))
        #expect(throws: BodyCollectionError.self) { try body.append(Array("56789".utf8)) }
    }

    @Test func spooledBodiesTogetherStayWithinTheBudgetAndGiveTheirBytesBack() throws {
        let budget = SpoolBudget(limit: 30)
        var first = BodyAccumulator(
            limit: 100, memoryThreshold: 4, temporaryDirectory: NSTemporaryDirectory(), budget: budget)
        var second = BodyAccumulator(
            limit: 100, memoryThreshold: 4, temporaryDirectory: NSTemporaryDirectory(), budget: budget)
        try first.append(Array(repeating: 1, count: 20))
        #expect(budget.inUse == 20)
        #expect(throws: BodyCollectionError.self) { try second.append(Array(repeating: 2, count: 20)) }
        #expect(budget.inUse == 20, "a refused body takes nothing")
        do {
            let finished = try first.finish()
            #expect(budget.inUse == 20, "held while the request is worked on")
            _ = finished
        }
        #expect(budget.inUse == 0, "given back when the file is deleted")
        var third = BodyAccumulator(
            limit: 100, memoryThreshold: 4, temporaryDirectory: NSTemporaryDirectory(), budget: budget)
        try third.append(Array(repeating: 3, count: 25))
        #expect(budget.inUse == 25)
        third = BodyAccumulator(
            limit: 100, memoryThreshold: 4, temporaryDirectory: NSTemporaryDirectory(), budget: budget)
        #expect(budget.inUse == 0, "an abandoned body gives its bytes back too")
    }

    @Test func unwritableSpoolDirectoryIsAnErrorNotACrash() {
        var body = BodyAccumulator(
            limit: 100, memoryThreshold: 1, temporaryDirectory: "/nonexistent/dir", budget: SpoolBudget(limit: .max))
        #expect(throws: BodyCollectionError.self) { try body.append(Array("12".utf8)) }
    }

    @Test func responseHeadOwnsFramingAndDropsUnsafeFields() {
        let headers: HTTPHeaders = [
            "Content-Type": "text/plain", "Content-Length": "1", "Transfer-Encoding": "gzip",
            "X-Split": "a\r\nb", "Bad Name": "v", "X-Fine": "ok",
        ]
        let text = String(
            decoding: ResponseHead.serialize(
                status: .ok, headers: headers, framing: .contentLength(5), connection: "close", requestID: "rid",
                serverName: "S"),
            as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Fine: ok\r\nDate: "))
        #expect(
            text.hasSuffix(
                "GMT\r\nServer: S\r\nX-Request-Id: rid\r\nX-Content-Type-Options: nosniff\r\nContent-Length: 5\r\n"
                    + "Connection: close\r\n\r\n"))
        #expect(!text.contains("gzip") && !text.contains("X-Split") && !text.contains("Bad Name"))
    }

    @Test func statusesThatForbidABody() {
        #expect(ResponseHead.forbidsBody(.continue))
        #expect(ResponseHead.forbidsBody(.noContent))
        #expect(ResponseHead.forbidsBody(.notModified))
        #expect(!ResponseHead.forbidsBody(.ok))
        #expect(!ResponseHead.forbidsBody(.notFound))
    }

    @Test func problemDocumentHasRFC9457Members() throws {
        let response = HTTPResponse.problem(HTTPError(.conflict, detail: "Already there."))
        #expect(response.status == .conflict)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        guard case .bytes(let bytes) = response.body else {
            Issue.record("expected bytes")
            return
        }
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"{"type":"about:blank","title":"Conflict","status":409,"detail":"Already there."}"#)
    }
}
