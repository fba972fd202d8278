import CouncilAPI
import Domain
import Foundation
import HTTPTestSupport
import Repositories
import Testing

/// Whatever the head of a request decides is answered before a byte of its body is read or
/// spooled, and before `100 Continue`: nobody without a token, no path that does not exist and
/// no body in a format the route cannot read makes the server receive a body.
@Suite struct HeadRefusalTests {
    static let token = "head-refusal-token"
    static let origin = "https://dashboard.example"

    /// A live API whose spool folder is its own, so a test can see that nothing was spooled.
    private func api(spool: String) throws -> LiveAPI {
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        return try LiveAPI(
            configuration: APIConfiguration(
                corsOrigins: [Self.origin], apiTokens: [Self.token], clock: .fixed(DemoDataset.asOf))
        ) { $0.temporaryDirectory = spool }
    }

    private static func spoolFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)").path
    }

    @Test(
        arguments: [
            ("POST", "/v1/complaints/bulk", "application/x-ndjson", nil, 401),
            ("POST", "/v1/complaints/bulk", "application/x-ndjson", "Bearer wrong", 401),
            ("POST", "/v1/complaints/bulk", "application/pdf", "Bearer \(token)", 415),
            ("POST", "/v1/complaints", "text/plain", "Bearer \(token)", 415),
            ("POST", "/v1/no-such-thing", "application/json", "Bearer \(token)", 404),
            ("PATCH", "/v1/complaints/bulk", "application/x-ndjson", "Bearer \(token)", 405),
        ] as [(String, String, String, String?, Int)])
    func aHeadThatDecidesIsAnsweredBeforeTheBodyAndWithoutContinue(
        _ request: (method: String, target: String, contentType: String, authorization: String?, status: Int)
    ) throws {
        let spool = Self.spoolFolder()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let api = try api(spool: spool)
        let client = try api.live.connect()
        var head = "\(request.method) \(request.target) HTTP/1.1\r\nHost: t\r\nOrigin: \(Self.origin)\r\n"
        head += "Content-Type: \(request.contentType)\r\nContent-Length: \(32 << 20)\r\nExpect: 100-continue\r\n"
        if let authorization = request.authorization { head += "Authorization: \(authorization)\r\n" }
        try client.send(head + "\r\n")
        // Not one byte of the 32 MiB body is sent: the answer must come from the head alone.
        let response = try client.readResponse()
        #expect(response.status == request.status, "\(response.status) \(response.text)")
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.header("Access-Control-Allow-Origin") == Self.origin, "refusals carry CORS headers")
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).isEmpty, "nothing was spooled")
    }

    @Test func anAuthorizedUploadIsToldToContinueAndIsStored() throws {
        let spool = Self.spoolFolder()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let api = try api(spool: spool)
        let client = try api.live.connect()
        let line =
            #"{"reference":"24 912 001","council":"knowsley","decided":"2024-09-02","category":"Housing","outcome":"not_upheld"}"#
        try client.send(
            "POST /v1/complaints/bulk HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-ndjson\r\n"
                + "Authorization: Bearer \(Self.token)\r\nContent-Length: \(line.utf8.count)\r\nExpect: 100-continue\r\n\r\n"
        )
        #expect(try client.readResponse().status == 100)
        try client.send(line)
        #expect(try client.readResponse().status == 200)
    }

    @Test func aContentLengthOverTheRouteLimitIs413WithCORSBeforeTheBody() throws {
        let spool = Self.spoolFolder()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let api = try api(spool: spool)
        let client = try api.live.connect()
        try client.send(
            "POST /v1/complaints HTTP/1.1\r\nHost: t\r\nOrigin: \(Self.origin)\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer \(Self.token)\r\nContent-Length: \(8 << 20)\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.header("Access-Control-Allow-Origin") == Self.origin)
    }
}
