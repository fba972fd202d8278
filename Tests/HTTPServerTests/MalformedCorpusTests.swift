import HTTPTestSupport
import JSON
import Testing

@testable import HTTPServer

extension MalformedRequest: CustomTestStringConvertible {
    var testDescription: String { description }
}

extension WellFormedRequest: CustomTestStringConvertible {
    var testDescription: String { description }
}

/// Every request of the malformed corpus, sent raw on its own connection to a live server, is
/// refused with its status as problem+json; refusals of the framing close the connection, and
/// the server carries on serving afterwards with no connection left behind.
@Suite("Malformed corpus")
struct MalformedCorpusTests {
    /// The test routes with one-second deadlines, so the unfinished requests are answered quickly.
    private static func server() throws -> LiveServer {
        try LiveServer {
            $0.headerTimeout = .seconds(1)
            $0.bodyTimeout = .seconds(1)
        }
    }

    private static let healthCheck = "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"

    @Test func theCorpusIsLargeAndItsNamesAreUnique() {
        let names = MalformedCorpus.all.map(\.name)
        #expect(names.count >= 50)
        #expect(Set(names).count == names.count)
    }

    /// Sends `request` and reads the answer; the server may stop reading (and close) before the
    /// last byte is sent, so a failed send is not an error.
    private static func send(_ request: MalformedRequest, to client: RawClient) throws -> RawResponse {
        try? client.send(request.bytes)
        return try client.readResponse()
    }

    private static func expectProblem(_ response: RawResponse, for request: MalformedRequest) throws {
        #expect(response.status == request.status)
        #expect(response.header("Content-Type") == HTTPResponse.problemContentType)
        let problem = try JSONParser.parse(response.body)
        #expect(problem["status"]?.intValue == request.status)
        #expect(problem["title"]?.stringValue?.isEmpty == false)
        #expect(problem["detail"]?.stringValue?.isEmpty == false)
    }

    @Test(arguments: MalformedCorpus.all)
    func refusedWithAProblem(_ request: MalformedRequest) throws {
        let live = try Self.server()
        do {
            let client = try live.connect()
            let response = try Self.send(request, to: client)
            try Self.expectProblem(response, for: request)
            switch request.afterwards {
            case .closes:
                #expect(response.header("Connection") == "close")
                #expect(client.isClosedByServer())
            case .keepsAlive:
                #expect(response.header("Connection") == nil)
                try client.send(Self.healthCheck)
                #expect(try client.readResponse().status == 200)
            }
        }
        #expect(try live.exchange(Self.healthCheck).status == 200)
        #expect(live.eventually { live.server.stats.openConnections == 0 })
    }

    /// The whole corpus against one server, one connection after another: it still answers, no
    /// connection is left open, and the access log has one line per request with its status
    /// (so no 5xx but the 501 and 505 the corpus asks for).
    @Test func theServerCarriesOnAfterTheWholeCorpus() throws {
        let live = try Self.server()
        for request in MalformedCorpus.all {
            let client = try live.connect()
            let response = try Self.send(request, to: client)
            #expect(response.status == request.status, "\(request)")
            if request.afterwards == .closes {
                #expect(client.isClosedByServer(), "\(request)")
            }
        }
        let health = try live.exchange(Self.healthCheck)
        #expect(health.status == 200)
        #expect(health.text == "hello, world")
        #expect(live.eventually { live.server.stats.openConnections == 0 })

        // One access line per request, each with the status the client got.
        let expected = (MalformedCorpus.all.map(\.status) + [200]).sorted()
        #expect(live.eventually { live.logs.accessLines.count == expected.count })
        let logged = live.logs.accessLines.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("status=") }.flatMap { Int($0.dropFirst(7)) }
        }
        #expect(logged.sorted() == expected)
    }

    @Test(arguments: WellFormedCorpus.all)
    func oddButValidRequestsAreServed(_ request: WellFormedRequest) throws {
        let live = try Self.server()
        let client = try live.connect()
        try client.send(request.bytes)
        var response = try client.readResponse()
        while (100..<200).contains(response.status) { response = try client.readResponse() }
        #expect((200..<300).contains(response.status), "\(response.status) \(response.text)")
    }
}
