import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// `POST /v1/complaints/bulk` with NDJSON: atomic and partial uploads over a live server.
@Suite("Bulk upload: NDJSON")
struct BulkNDJSONTests {
    @Test(
        "an atomic upload stores every line and counts them; blank lines and a missing final newline are fine",
        arguments: TestEngine.allCases)
    func atomicSuccess(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = [
            Bulk.line(1), "", Bulk.line(2, council: "E08000012"), "   ",
            Bulk.line(3, outcome: "upheld", extra: #","remedy_before_ombudsman":true"#),
        ]
        .joined(separator: "\n")
        let response = try Bulk.upload(api, body)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let answer = try api.object(response)
        #expect(answer["mode"] as? String == "atomic")
        #expect(answer["lines"] as? Int == 3)
        #expect(answer["created"] as? Int == 3)
        #expect(answer["updated"] as? Int == 0)
        #expect(answer["unchanged"] as? Int == 0)
        #expect(answer["failed"] as? Int == 0)
        #expect(answer["results"] == nil)

        let stored = try api.object(try api.get("/v1/complaints/24900002"))
        #expect(stored["council"] as? String == "liverpool")
        #expect(stored["decided"] as? String == "2024-09-02")
        let upheld = try api.object(try api.get("/v1/complaints/24900003"))
        #expect(upheld["remedy_before_ombudsman"] as? Bool == true)
    }

    @Test(
        "sending the same upload again changes nothing; a changed line is counted as updated",
        arguments: TestEngine.allCases)
    func resendIsUnchanged(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = (1...5).map { Bulk.line($0) }.joined(separator: "\r\n") + "\r\n"
        #expect(try Bulk.upload(api, body).status == 200)
        let again = try api.object(try Bulk.upload(api, body))
        #expect(again["created"] as? Int == 0)
        #expect(again["updated"] as? Int == 0)
        #expect(again["unchanged"] as? Int == 5)

        let changed = (1...5).map { $0 == 4 ? Bulk.line($0, outcome: "assessed_and_closed") : Bulk.line($0) }
        let answer = try api.object(try Bulk.upload(api, changed.joined(separator: "\n")))
        #expect(answer["updated"] as? Int == 1)
        #expect(answer["unchanged"] as? Int == 4)
        let stored = try api.object(try api.get("/v1/complaints/24900004"))
        #expect(stored["outcome"] as? String == "assessed_and_closed")
    }

    @Test(
        "one bad line refuses an atomic upload with 422 naming its line and field, and nothing is written",
        arguments: TestEngine.allCases)
    func atomicRollback(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = [Bulk.line(1), Bulk.line(2), Bulk.line(3, decided: "2024-02-30"), Bulk.line(4)].joined(
            separator: "\n")
        let response = try Bulk.upload(api, body)
        #expect(response.status == 422)
        #expect(response.header("Content-Type") == "application/problem+json")
        let problem = try api.object(response)
        #expect(problem["type"] as? String == "/problems/validation")
        #expect((problem["detail"] as? String)?.contains("nothing was written") == true)
        let faults = try Bulk.faults(api, response)
        #expect(faults.count == 1)
        #expect(faults.first?.line == 3)
        #expect(faults.first?.field == "decided")
        for serial in [1, 2, 4] {
            #expect(try Bulk.isStored(api, serial) == false)
        }
    }

    @Test("every bad line is listed with its physical line number, however it is bad", arguments: TestEngine.allCases)
    func severalBadLines(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = [
            Bulk.line(1),
            "",
            #"{"reference": "24 900 002", "council": "#,  // line 3: malformed JSON
            Bulk.line(4, council: "atlantis"),  // line 4: unknown council
            "[1, 2]",  // line 5: not an object
            Bulk.line(6, outcome: "maybe", extra: #","colour":"red""#),  // line 6: two faults
            Bulk.line(1),  // line 7: the reference of line 1 again
        ].joined(separator: "\n")
        let response = try Bulk.upload(api, body)
        #expect(response.status == 422)
        let faults = try Bulk.faults(api, response)
        #expect(faults.map(\.line) == [3, 4, 5, 6, 6, 7])
        #expect(faults.map(\.field) == ["line", "council", "line", "colour", "outcome", "reference"])
        let problem = try api.object(response)
        #expect((problem["detail"] as? String)?.hasPrefix("5 of 6 lines are invalid") == true)
        let duplicate = try #require((problem["errors"] as? [[String: Any]])?.last?["message"] as? String)
        #expect(duplicate.contains("line 1"))
        #expect(try Bulk.isStored(api, 1) == false)
    }

    @Test(
        "the fault list is capped at 1,000 entries and the answer says how many more there are",
        arguments: TestEngine.allCases)
    func faultListIsCapped(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = (1...1200).map { Bulk.line($0, council: "nowhere") }.joined(separator: "\n")
        let response = try Bulk.upload(api, body)
        #expect(response.status == 422)
        let problem = try api.object(response)
        #expect((problem["errors"] as? [Any])?.count == 1000)
        #expect((problem["detail"] as? String)?.contains("200 more") == true)
    }

    @Test(
        "partial mode writes the good lines and answers 207 with every line's outcome", arguments: TestEngine.allCases)
    func partialMode(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        #expect(try Bulk.upload(api, Bulk.line(2)).status == 200)
        let body = [
            Bulk.line(1), Bulk.line(2, outcome: "assessed_and_closed"), Bulk.line(3, decided: "soon"), "", Bulk.line(5),
            Bulk.line(2),
        ].joined(separator: "\n")
        let response = try Bulk.upload(api, body, query: "?mode=partial")
        #expect(response.status == 207)
        let answer = try api.object(response)
        #expect(answer["mode"] as? String == "partial")
        #expect(answer["lines"] as? Int == 5)
        #expect(answer["created"] as? Int == 2)
        #expect(answer["updated"] as? Int == 1)
        #expect(answer["unchanged"] as? Int == 0)
        #expect(answer["failed"] as? Int == 2)
        // The failed lines are listed; the stored ones are counted.
        let results = try Bulk.results(api, response)
        #expect(results.map { $0["line"] as? Int } == [3, 6])
        #expect(results.map { $0["status"] as? String } == ["failed", "failed"])
        #expect(results.map { $0["reference"] as? String } == ["24 900 003", "24 900 002"])
        let lineThree = try #require(results[0]["errors"] as? [[String: Any]])
        #expect(lineThree.map { $0["field"] as? String } == ["decided"])
        #expect(answer["unlisted_failures"] as? Int == 0)
        #expect(try Bulk.isStored(api, 1))
        #expect(try Bulk.isStored(api, 5))
        #expect(try Bulk.isStored(api, 3) == false)
        let second = try api.object(try api.get("/v1/complaints/24900002"))
        #expect(second["outcome"] as? String == "assessed_and_closed")
    }

    @Test("a partial upload where nothing fails is a 200, with its (empty) results", arguments: TestEngine.allCases)
    func partialWithoutFailures(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let response = try Bulk.upload(api, Bulk.line(1) + "\n" + Bulk.line(2) + "\n", query: "?mode=partial")
        #expect(response.status == 200)
        let answer = try api.object(response)
        #expect(answer["created"] as? Int == 2)
        #expect(try Bulk.results(api, response).isEmpty)
        #expect(answer["unlisted_failures"] as? Int == 0)
    }

    @Test("a partial answer lists the first 1,000 failed lines and counts the rest, whatever the upload size")
    func partialAnswerIsBounded() throws {
        let api = try Bulk.api(engine: .sqlite)
        let body = String(repeating: "{}\n", count: 5_000) + Bulk.line(1) + "\n"
        let response = try Bulk.upload(api, body, query: "?mode=partial")
        #expect(response.status == 207)
        let answer = try api.object(response)
        #expect(answer["failed"] as? Int == 5_000)
        #expect(answer["created"] as? Int == 1)
        let results = try Bulk.results(api, response)
        #expect(results.count == 1_000)
        #expect(results.first?["line"] as? Int == 1)
        #expect(results.last?["line"] as? Int == 1_000)
        #expect(answer["unlisted_failures"] as? Int == 4_000)
        #expect(response.body.count < 400_000, "bounded: \(response.body.count) bytes")
    }

    @Test(
        "an upload with no complaint is refused in either mode", arguments: TestEngine.allCases,
        ["", "\n\n  \n", "\r\n"])
    func emptyUpload(engine: TestEngine, body: String) throws {
        let api = try Bulk.api(engine: engine)
        for query in ["", "?mode=partial"] {
            let response = try Bulk.upload(api, body, query: query)
            #expect(response.status == 422)
            #expect((try api.object(response)["detail"] as? String)?.contains("no complaints") == true)
        }
    }

    @Test(
        "an unknown mode or any other query parameter is a 400",
        arguments: TestEngine.allCases, ["?mode=all", "?mode=atomic&dry_run=1", "?mode=atomic&mode=partial"])
    func badQuery(engine: TestEngine, query: String) throws {
        let api = try Bulk.api(engine: engine)
        let response = try Bulk.upload(api, Bulk.line(1), query: query)
        #expect(response.status == 400)
        #expect(try api.object(response)["type"] as? String == "/problems/invalid-parameter")
        #expect(try Bulk.isStored(api, 1) == false)
    }

    @Test(
        "a line longer than a complaint could be is refused with its number; the lines after it are still read",
        arguments: TestEngine.allCases)
    func overlongLine(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let long = Bulk.line(2, extra: #","subcategory":""# + String(repeating: "x", count: 70_000) + "\"")
        let body = [Bulk.line(1), long, Bulk.line(3, council: "nowhere")].joined(separator: "\n")
        let response = try Bulk.upload(api, body)
        #expect(response.status == 422)
        let faults = try Bulk.faults(api, response)
        #expect(faults.map(\.line) == [2, 3])
        #expect(faults.map(\.field) == ["line", "council"])
    }

    @Test(
        "a UTF-8 byte order mark before the first line is skipped, in NDJSON and in CSV", arguments: TestEngine.allCases
    )
    func byteOrderMark(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let bom = "\u{FEFF}"
        #expect(try Bulk.upload(api, bom + Bulk.line(1)).status == 200)
        let csv = bom + "reference,council,decided,category,outcome\n24900002,knowsley,2024-09-02,Housing,upheld\n"
        #expect(try Bulk.upload(api, csv, contentType: "text/csv").status == 200)
        #expect(try Bulk.isStored(api, 1))
        #expect(try Bulk.isStored(api, 2))
    }
}
