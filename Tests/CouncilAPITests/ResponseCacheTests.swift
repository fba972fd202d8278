import HTTPServer
import Testing

@testable import CouncilAPI

/// The kept answers of `ResponseCache`: per revision, per target and Accept, and within bounds.
@Suite struct ResponseCacheTests {
    static func request(_ target: String, accept: String? = nil) -> HTTPRequest {
        var headers: HTTPHeaders = ["Host": "example.test"]
        if let accept { headers.set("Accept", accept) }
        let head = RequestHead(
            method: .get, target: target, version: .http11, headers: headers, path: target, pathSegments: [],
            query: [], framing: .none, keepAlive: true, expectsContinue: false)
        return HTTPRequest(head: head, id: "test")
    }

    static func answer(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, body: .bytes(Array(text.utf8)))
    }

    static func text(_ kept: (response: HTTPResponse, tag: String)?) -> String? {
        guard case .bytes(let bytes)? = kept?.response.body else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func servesAnAnswerOnlyAtItsRevisionAndForItsRequest() {
        let cache = ResponseCache(capacity: 8, byteLimit: 1 << 20)
        cache.keep(Self.answer("json at 5"), for: Self.request("/a"), revision: 5, tag: "t")
        #expect(Self.text(cache.response(for: Self.request("/a"), revision: 5)) == "json at 5")
        #expect(cache.response(for: Self.request("/a"), revision: 6) == nil, "a later revision: gone")
        #expect(cache.response(for: Self.request("/a"), revision: 4) == nil)
        #expect(cache.response(for: Self.request("/a", accept: "text/csv"), revision: 5) == nil)
        #expect(cache.response(for: Self.request("/a?x=1"), revision: 5) == nil)

        cache.keep(Self.answer("json at 6"), for: Self.request("/a"), revision: 6, tag: "t")
        cache.keep(Self.answer("late json at 5"), for: Self.request("/a"), revision: 5, tag: "t")
        #expect(
            Self.text(cache.response(for: Self.request("/a"), revision: 6)) == "json at 6", "never replaced by older")
    }

    @Test func keepsOnlySuccessfulAnswersOfBytes() {
        let cache = ResponseCache(capacity: 8, byteLimit: 1 << 20)
        cache.keep(Self.answer("missing", status: .notFound), for: Self.request("/a"), revision: 1, tag: "t")
        cache.keep(HTTPResponse(status: .ok, body: .stream { _ in }), for: Self.request("/b"), revision: 1, tag: "t")
        #expect(cache.usage.entries == 0)
    }

    @Test func staysWithinItsBounds() {
        let byCount = ResponseCache(capacity: 4, byteLimit: 1 << 20)
        for index in 0..<20 {
            byCount.keep(Self.answer("answer \(index)"), for: Self.request("/\(index)"), revision: 1, tag: "t")
            #expect(byCount.usage.entries <= 4)
        }
        #expect(Self.text(byCount.response(for: Self.request("/19"), revision: 1)) == "answer 19", "the newest stays")

        let body = String(repeating: "x", count: 90)
        let byBytes = ResponseCache(capacity: 1000, byteLimit: 1600)
        for index in 0..<50 {
            byBytes.keep(Self.answer(body), for: Self.request("/\(index)"), revision: 1, tag: "t")
            #expect(byBytes.usage.bytes <= 1600)
        }
        byBytes.keep(Self.answer(String(repeating: "y", count: 200)), for: Self.request("/big"), revision: 1, tag: "t")
        #expect(byBytes.response(for: Self.request("/big"), revision: 1) == nil, "over a sixteenth of the limit")
    }

    @Test func aNewRevisionRetiresTheOldOnesFirst() {
        let cache = ResponseCache(capacity: 3, byteLimit: 1 << 20)
        cache.keep(Self.answer("a1"), for: Self.request("/a"), revision: 1, tag: "t")
        cache.keep(Self.answer("b1"), for: Self.request("/b"), revision: 1, tag: "t")
        cache.keep(Self.answer("c2"), for: Self.request("/c"), revision: 2, tag: "t")
        cache.keep(Self.answer("d2"), for: Self.request("/d"), revision: 2, tag: "t")
        #expect(cache.usage.entries == 2, "both answers of revision 1 are dead once full")
        #expect(Self.text(cache.response(for: Self.request("/c"), revision: 2)) == "c2")
    }
}
