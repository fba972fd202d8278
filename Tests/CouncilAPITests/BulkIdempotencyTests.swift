import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// `Idempotency-Key` on bulk uploads: the same upload under the same key is answered from the
/// kept answer, without being applied again.
@Suite("Bulk upload: idempotency")
struct BulkIdempotencyTests {
    @Test(
        "repeating an upload with its key replays the first answer, even after the data changed since",
        arguments: TestEngine.allCases)
    func replay(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = [Bulk.line(1), Bulk.line(2, decided: "not a date")].joined(separator: "\n")
        let key = [("Idempotency-Key", "bulk-\(UUID().uuidString)")]
        let first = try Bulk.upload(api, body, query: "?mode=partial", headers: key)
        #expect(first.status == 207)
        #expect(first.header("Idempotent-Replayed") == nil)

        // Changed by another write in between: a real second run would report "updated".
        #expect(try Bulk.upload(api, Bulk.line(1, outcome: "upheld")).status == 200)
        let second = try Bulk.upload(api, body, query: "?mode=partial", headers: key)
        #expect(second.status == 207)
        #expect(second.header("Idempotent-Replayed") == "true")
        #expect(second.body == first.body)
        let stored = try api.object(try api.get("/v1/complaints/24900001"))
        #expect(stored["outcome"] as? String == "upheld")
    }

    @Test("the same key with a different upload is refused", arguments: TestEngine.allCases)
    func keyReuse(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let key = [("Idempotency-Key", "bulk-\(UUID().uuidString)")]
        #expect(try Bulk.upload(api, Bulk.line(1), headers: key).status == 200)
        let response = try Bulk.upload(api, Bulk.line(2), headers: key)
        #expect(response.status == 422)
        #expect(try api.object(response)["type"] as? String == "/problems/idempotency-key-reused")
        #expect(try Bulk.isStored(api, 2) == false)
    }

    @Test("the same bytes under the same key but as another media type are another request")
    func mediaTypeCounts() throws {
        let api = try Bulk.api(engine: .sqlite)
        // One body that is both a CSV file (header and one row) and, line by line, not NDJSON.
        let body = "reference,council,decided,category,outcome\n24 900 001,knowsley,2024-09-02,Housing,not_upheld"
        let key = [("Idempotency-Key", "bulk-\(UUID().uuidString)")]
        let asCSV = try Bulk.upload(api, body, contentType: "text/csv", headers: key)
        #expect(asCSV.status == 200)
        let asNDJSON = try Bulk.upload(api, body, contentType: "application/x-ndjson", headers: key)
        #expect(asNDJSON.status == 422, "not a replay of the CSV answer: \(asNDJSON.text)")
        #expect(try api.object(asNDJSON)["type"] as? String == "/problems/idempotency-key-reused")
        // The media type is compared as read: its case does not make another request.
        let again = try Bulk.upload(api, body, contentType: "Text/CSV", headers: key)
        #expect(again.header("Idempotent-Replayed") == "true")
    }

    @Test(
        "a refused upload keeps no answer: corrected, it can be sent again under the same key",
        arguments: TestEngine.allCases)
    func refusalIsNotKept(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let key = [("Idempotency-Key", "bulk-\(UUID().uuidString)")]
        let bad = [Bulk.line(1), Bulk.line(2, council: "nowhere")].joined(separator: "\n")
        #expect(try Bulk.upload(api, bad, headers: key).status == 422)
        let good = [Bulk.line(1), Bulk.line(2)].joined(separator: "\n")
        let response = try Bulk.upload(api, good, headers: key)
        #expect(response.status == 200)
        #expect(response.header("Idempotent-Replayed") == nil)
        #expect(try Bulk.isStored(api, 2))
    }
}
