import Testing

@testable import HTTPServer

/// A request as it came out of the parser: the head, its body bytes joined, and whether `.end`
/// followed.
struct ParsedRequest {
    var head: RequestHead
    var body: [UInt8] = []
    var ended = false

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

enum ParserHarness {
    /// Feeds `input` in pieces of `pieceSize` bytes (all at once when nil), draining events after
    /// each piece, and returns every event until the parser wants more bytes.
    static func events(
        _ input: [UInt8], pieceSize: Int? = nil, limits: ParserLimits = ParserLimits()
    ) throws(HTTPParseError) -> [ParseEvent] {
        var parser = RequestParser(limits: limits)
        var events: [ParseEvent] = []
        let size = max(1, pieceSize ?? input.count)
        var start = 0
        repeat {
            let end = min(start + size, input.count)
            parser.append(input[start..<end])
            while let event = try parser.next() { events.append(event) }
            start = end
        } while start < input.count
        return events
    }

    static func events(
        _ input: String, pieceSize: Int? = nil, limits: ParserLimits = ParserLimits()
    ) throws(HTTPParseError) -> [ParseEvent] {
        try events(Array(input.utf8), pieceSize: pieceSize, limits: limits)
    }

    /// Groups events into requests, checking they come in `head (body)* end` order.
    static func requests(
        _ input: String, pieceSize: Int? = nil, limits: ParserLimits = ParserLimits()
    ) throws -> [ParsedRequest] {
        try group(events(Array(input.utf8), pieceSize: pieceSize, limits: limits))
    }

    static func group(_ events: [ParseEvent]) throws -> [ParsedRequest] {
        var requests: [ParsedRequest] = []
        for event in events {
            switch event {
            case .head(let head):
                #expect(requests.last?.ended ?? true, "a head came before the previous request ended")
                requests.append(ParsedRequest(head: head))
            case .body(let bytes):
                let index = try #require(requests.indices.last, "body before any head")
                #expect(!requests[index].ended, "body after end")
                #expect(!bytes.isEmpty, "an empty body event")
                requests[index].body += bytes
            case .end:
                let index = try #require(requests.indices.last, "end before any head")
                #expect(!requests[index].ended, "end twice")
                requests[index].ended = true
            }
        }
        return requests
    }

    /// The single complete request in `input`.
    static func request(_ input: String, limits: ParserLimits = ParserLimits()) throws -> ParsedRequest {
        let all = try requests(input, limits: limits)
        #expect(all.count == 1)
        let request = try #require(all.first)
        #expect(request.ended)
        return request
    }

    /// The error `input` produces, fed whole, or nil when it parses.
    static func error(
        _ input: [UInt8], pieceSize: Int? = nil, limits: ParserLimits = ParserLimits()
    ) -> HTTPParseError? {
        do {
            _ = try events(input, pieceSize: pieceSize, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    static func error(
        _ input: String, pieceSize: Int? = nil, limits: ParserLimits = ParserLimits()
    ) -> HTTPParseError? {
        error(Array(input.utf8), pieceSize: pieceSize, limits: limits)
    }

    /// The status `input` fails with; also checks that feeding it one byte at a time fails the
    /// same way, so no rule depends on how reads split the stream.
    static func status(_ input: String, limits: ParserLimits = ParserLimits()) -> Int? {
        status(Array(input.utf8), limits: limits)
    }

    static func status(_ input: [UInt8], limits: ParserLimits = ParserLimits()) -> Int? {
        let whole = error(input, limits: limits)
        let byByte = error(input, pieceSize: 1, limits: limits)
        #expect(whole == byByte, "fed whole: \(String(describing: whole)); byte by byte: \(String(describing: byByte))")
        return whole?.status.code
    }

    /// A stable text form of events, with consecutive body pieces joined, for comparing runs
    /// that split the input differently.
    static func transcript(_ events: [ParseEvent]) -> [String] {
        var lines: [String] = []
        var body: [UInt8] = []
        func flushBody() {
            if !body.isEmpty { lines.append("body \(body)") }
            body = []
        }
        for event in events {
            switch event {
            case .head(let head):
                flushBody()
                lines.append(describe(head))
            case .body(let bytes):
                body += bytes
            case .end:
                flushBody()
                lines.append("end")
            }
        }
        flushBody()
        return lines
    }

    static func describe(_ head: RequestHead) -> String {
        let headers = head.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ";")
        let query = head.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return "\(head.method) \(head.target) \(head.version) [\(headers)] path=\(head.path) "
            + "segments=\(head.pathSegments) query=\(query) framing=\(head.framing) "
            + "keepAlive=\(head.keepAlive) continue=\(head.expectsContinue)"
    }
}
