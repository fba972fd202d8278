import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// What the bulk route refuses before reading a line (media type, size, credentials), and a body
/// large enough to be spooled to disk.
@Suite("Bulk upload: limits")
struct BulkLimitsTests {
    @Test(
        "a Content-Type other than NDJSON or CSV is a 415",
        arguments: TestEngine.allCases, [Optional("application/json"), "text/plain", "text/csv; charset=latin1", nil])
    func unsupportedMediaType(engine: TestEngine, contentType: String?) throws {
        let api = try Bulk.api(engine: engine)
        let response = try Bulk.upload(api, Bulk.line(1), contentType: contentType)
        #expect(response.status == 415)
        #expect(try api.object(response)["type"] as? String == "/problems/unsupported-media-type")
        #expect(try Bulk.isStored(api, 1) == false)
    }

    @Test("a body over the configured bulk limit is a 413 and nothing is written", arguments: TestEngine.allCases)
    func tooLarge(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine, maxBulkBytes: 1000)
        let body = (1...20).map { Bulk.line($0) }.joined(separator: "\n")
        #expect(body.utf8.count > 1000)
        let response = try Bulk.upload(api, body)
        #expect(response.status == 413)
        #expect(try Bulk.isStored(api, 1) == false)
        #expect(try Bulk.upload(api, Bulk.line(1)).status == 200)
    }

    @Test(
        "a body far above the in-memory threshold (spooled to a file) is read as a stream and stored whole",
        arguments: TestEngine.allCases)
    func spooledBody(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        var body: [UInt8] = []
        var count = 0
        while body.count < 3 << 20 {
            count += 1
            body += Array((Bulk.line(count) + "\n").utf8)
        }
        let response = try Bulk.upload(api, bytes: body)
        #expect(response.status == 200)
        let answer = try api.object(response)
        #expect(answer["lines"] as? Int == count)
        #expect(answer["created"] as? Int == count)
        #expect(try Bulk.isStored(api, 1))
        #expect(try Bulk.isStored(api, count / 2))
        #expect(try Bulk.isStored(api, count))
    }

    @Test(
        "an upload without a valid bearer token is a 401 and writes nothing", arguments: TestEngine.allCases,
        [nil, "wrong-token"])
    func unauthenticated(engine: TestEngine, token: String?) throws {
        let api = try Bulk.api(engine: engine)
        let response = try Bulk.upload(api, Bulk.line(1), token: token)
        #expect(response.status == 401)
        #expect(try Bulk.isStored(api, 1) == false)
    }
}
