import Foundation
import HTTPTestSupport
import JSON
import StoreTestSupport
import Testing

/// The life of a decision through the write API: create, repeat, conflict, correct, delete, and
/// the reads (and their ETags) seeing each change.
@Suite struct IngestionComplaintTests {
    static var expected: [String: Any] {
        [
            "reference": "24 123 456", "council": "knowsley", "received": "2024-05-01", "decided": "2024-06-30",
            "year": "2024-25", "category": "Adult care services", "subcategory": "Residential care",
            "outcome": "upheld",
            "not_for_us_reason": NSNull(), "remedy_before_ombudsman": false, "compliance": "complied", "demo": false,
        ]
    }

    func expectStored(_ body: [String: Any], _ expected: [String: Any] = Self.expected) {
        #expect(Set(body.keys) == Set(expected.keys))
        for (key, value) in expected {
            #expect((body[key] as? NSObject)?.isEqual(value) == true, "\(key): \(body[key] ?? "absent")")
        }
    }

    @Test(arguments: TestEngine.allCases) func postCreatesWith201LocationAndTheStoredRecord(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint)
        #expect(response.status == 201)
        #expect(response.header("Location") == "/v1/complaints/24123456")
        #expect(response.header("Content-Type") == "application/json")
        expectStored(try api.object(response))
        let read = try api.get("/v1/complaints/24123456")
        #expect(read.status == 200)
        #expect(read.body == response.body)
    }

    @Test(arguments: TestEngine.allCases) func nullOptionalMembersAreAbsentValues(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        var body = WriteFixtures.complaint
        body["received"] = .null
        body["compliance"] = .null
        let response = try api.send("POST", "/v1/complaints", object: body)
        #expect(response.status == 201)
        let stored = try api.object(response)
        #expect(stored["received"] is NSNull)
        #expect(stored["compliance"] is NSNull)
    }

    @Test(arguments: TestEngine.allCases) func identicalPostIs200AndWritesNothingNew(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let first = try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint)
        var respelt = WriteFixtures.complaint
        respelt["reference"] = "24-123-456"
        let second = try api.send("POST", "/v1/complaints", object: respelt)
        #expect(first.status == 201)
        #expect(second.status == 200)
        #expect(second.header("Location") == nil)
        #expect(second.body == first.body)
        #expect(
            try api.store.complaints.list(.init(councilID: "knowsley"), page: .first(1000)).items.count(where: {
                $0.reference.normalized == "24123456"
            }) == 1)
    }

    @Test(arguments: TestEngine.allCases) func postOfADifferentDecisionUnderAnExistingReferenceIs409PointingToPut(
        engine: TestEngine
    ) throws {
        let api = try LiveAPI.writable(engine: engine)
        #expect(try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint).status == 201)
        var changed = WriteFixtures.complaint
        changed["category"] = "Housing"
        let response = try api.send("POST", "/v1/complaints", object: changed)
        #expect(response.status == 409)
        #expect(response.header("Content-Type") == "application/problem+json")
        let body = try api.object(response)
        #expect(body["type"] as? String == "/problems/record-exists")
        #expect((body["detail"] as? String)?.contains("PUT") == true)
        #expect(try api.errorFields(response) == ["reference"])
        let stored = try api.object(try api.get("/v1/complaints/24123456"))
        #expect(stored["category"] as? String == "Adult care services")
    }

    @Test(arguments: TestEngine.allCases) func putCreatesThenCorrects(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let created = try api.send("PUT", "/v1/complaints/24-123-456", object: WriteFixtures.complaint)
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/complaints/24123456")
        var corrected = WriteFixtures.complaint
        corrected["outcome"] = "not_upheld"
        corrected["remedy_before_ombudsman"] = nil
        corrected["compliance"] = nil
        let replaced = try api.send("PUT", "/v1/complaints/24123456", object: corrected)
        #expect(replaced.status == 200)
        var expected = Self.expected
        expected["outcome"] = "not_upheld"
        expected["remedy_before_ombudsman"] = NSNull()
        expected["compliance"] = NSNull()
        expectStored(try api.object(replaced), expected)
        expectStored(try api.object(try api.get("/v1/complaints/24123456")), expected)
        #expect(try api.send("PUT", "/v1/complaints/24123456", object: corrected).status == 200)
    }

    @Test(arguments: TestEngine.allCases) func putCanCorrectADemoDecision(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let demo = try #require(
            try api.store.complaints.list(.init(councilID: "knowsley"), page: .first(1)).items.first)
        var body = WriteFixtures.complaint
        body["reference"] = .string(demo.reference.published)
        let response = try api.send("PUT", "/v1/complaints/\(demo.reference.normalized)", object: body)
        #expect(response.status == 200)
        #expect(try api.object(response)["demo"] as? Bool == false)
    }

    @Test(arguments: TestEngine.allCases) func putToAPathThatIsNoReferenceIs404(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("PUT", "/v1/complaints/not-a-case", object: WriteFixtures.complaint)
        #expect(response.status == 404)
    }

    @Test(arguments: TestEngine.allCases) func deleteIs204ThenTheDecisionIsGone(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        #expect(try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint).status == 201)
        let deleted = try api.send(
            "DELETE", "/v1/complaints/24 123 456".replacingOccurrences(of: " ", with: "%20"), contentType: nil)
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        #expect(try api.get("/v1/complaints/24123456").status == 404)
        let again = try api.send("DELETE", "/v1/complaints/24123456", contentType: nil)
        #expect(again.status == 404)
        #expect(try api.object(again)["type"] as? String == "/problems/not-found")
    }

    @Test(arguments: TestEngine.allCases) func everyWriteIsSeenByTheNextReadUnderANewETag(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let target = "/v1/councils/knowsley/statistics?year=2024-25"
        let before = try api.get(target)
        let tag = try #require(before.header("ETag"))
        #expect(try api.object(before)[path: "complaints.dealt_with"] as? Int == 35)
        #expect(try api.get(target, headers: [("If-None-Match", tag)]).status == 304)

        #expect(try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint).status == 201)

        let after = try api.get(target, headers: [("If-None-Match", tag)])
        #expect(after.status == 200)
        let newTag = try #require(after.header("ETag"))
        #expect(newTag != tag)
        #expect(try api.object(after)[path: "complaints.dealt_with"] as? Int == 36)

        #expect(try api.send("DELETE", "/v1/complaints/24123456", contentType: nil).status == 204)
        let afterDelete = try api.get(target, headers: [("If-None-Match", newTag)])
        #expect(afterDelete.status == 200)
        #expect(try api.object(afterDelete)[path: "complaints.dealt_with"] as? Int == 35)
    }

    @Test(arguments: TestEngine.allCases) func aRefusedWriteLeavesTheRevisionAlone(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        #expect(try api.send("POST", "/v1/complaints", object: WriteFixtures.complaint).status == 201)
        let revision = try api.store.revision()
        var changed = WriteFixtures.complaint
        changed["category"] = "Housing"
        #expect(try api.send("POST", "/v1/complaints", object: changed).status == 409)
        #expect(try api.store.revision() == revision)
    }
}
