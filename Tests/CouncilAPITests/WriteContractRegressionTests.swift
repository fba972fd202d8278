import Domain
import Foundation
import HTTPTestSupport
import JSON
import StoreTestSupport
import Testing

@testable import CouncilAPI

/// Disagreements between the write API and its OpenAPI document (or between the write side and
/// the read side) that scripts/check-openapi.sh found, each pinned here so it stays fixed without
/// running the fuzzer.
@Suite struct WriteContractRegressionTests {
    /// A decision dated 0127-10-19 was stored; its reporting year (`127-28`) is none the read side
    /// can name, so the council's history answered 500 ("a stored value could not be read") and
    /// the write's own answer broke the ReportingYear pattern. Dates now start at 1900-04-01.
    @Test(arguments: TestEngine.allCases, ["0127-10-19", "1899-12-31", "1900-03-31"])
    func aDecisionBeforeTheEarliestReportingYearIsRefused(engine: TestEngine, decided: String) throws {
        let api = try LiveAPI.writable(engine: engine)
        var body = WriteFixtures.complaint
        body["received"] = nil
        body["decided"] = .string(decided)
        let problem = try expectProblem(try api.send("POST", "/v1/complaints", object: body), status: 422)
        #expect(errorFields(problem) == ["decided"])
        #expect(try api.send("PUT", "/v1/complaints/24123456", object: body).status == 422)
        let upload = try Bulk.upload(try Bulk.api(engine: engine), Bulk.line(1, decided: decided))
        try expectProblem(upload, status: 422)
        #expect(try api.get("/v1/councils/knowsley/statistics/history").status == 200)
    }

    @Test(arguments: TestEngine.allCases) func theFirstDayOfTheEarliestReportingYearIsStoredAndReadBack(
        engine: TestEngine
    ) throws {
        let api = try LiveAPI.writable(engine: engine)
        var body = WriteFixtures.complaint
        body["received"] = "1900-04-01"
        body["decided"] = "1900-04-01"
        let stored = try api.send("POST", "/v1/complaints", object: body)
        #expect(stored.status == 201, "\(stored.text)")
        #expect(try api.object(stored)["year"] as? String == "1900-01")
        let history = try api.get("/v1/councils/knowsley/statistics/history")
        #expect(history.status == 200, "\(history.text)")
        #expect(history.text.contains("\"1900-01\""))
    }

    /// Every date a record stores has the same floor, received included.
    @Test(arguments: TestEngine.allCases) func everyRecordedDateHasTheSameFloor(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        var complaint = WriteFixtures.complaint
        complaint["received"] = "0072-11-15"
        let refused = try expectProblem(try api.send("POST", "/v1/complaints", object: complaint), status: 422)
        #expect(errorFields(refused) == ["received"])
        let cases: [(String, JSONObject, String)] = [
            ("/v1/reports", WriteFixtures.report, "published"),
            ("/v1/service-improvements", WriteFixtures.serviceImprovement, "decided"),
        ]
        for (path, fixture, field) in cases {
            var body = fixture
            body[field] = "1776-07-04"
            let problem = try expectProblem(try api.send("POST", path, object: body), status: 422)
            #expect(errorFields(problem) == [field], "\(path)")
        }
        #expect(CalendarDate.earliestRecorded == FinancialYear.earliest.start)
        #expect(CalendarDate.earliestRecorded.iso == "1900-04-01")
    }

    /// The input date pattern of the document matches exactly the dates from 1900-04-01 on.
    @Test func theRecordedDatePatternStartsAtTheEarliestRecordedDate() throws {
        let regex = try NSRegularExpression(pattern: OpenAPIDocument.recordedDatePattern)
        func matches(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        for text in [
            "0001-01-01", "0127-10-19", "1899-12-31", "1900-01-01", "1900-03-31", "1900-04-01", "1900-12-31",
            "1901-01-01", "1999-02-28", "2024-06-30", "9999-12-31",
        ] {
            let date = try #require(CalendarDate(iso: text))
            #expect(matches(text) == (date >= CalendarDate.earliestRecorded), "\(text)")
        }
        for malformed in ["1900-13-01", "2024-00-10", "2024-06-32", "2024-6-30", " 2024-06-30"] {
            #expect(!matches(malformed), "\(malformed)")
        }
        let document = OpenAPIDocument.build(serverURL: nil)
        let decided = document["components"]?["schemas"]?["ComplaintInput"]?["properties"]?["decided"]
        #expect(decided?["pattern"] == .string(OpenAPIDocument.recordedDatePattern))
    }

    /// A title of 300 characters that are 301 code points ("P" with a skin-tone modifier is one
    /// grapheme, two scalars) was accepted although the document's maxLength (code points, as JSON
    /// Schema counts) is 300.
    @Test(arguments: TestEngine.allCases) func textLimitsCountCodePoints(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        var body = WriteFixtures.report
        body["title"] = .string("P\u{1F3FB}" + String(repeating: "a", count: 299))
        let problem = try expectProblem(try api.send("POST", "/v1/reports", object: body), status: 422)
        #expect(errorFields(problem) == ["title"])
        body["title"] = .string("P\u{1F3FB}" + String(repeating: "a", count: 298))
        let stored = try api.send("POST", "/v1/reports", object: body)
        #expect(stored.status == 201, "\(stored.text)")
    }

    /// The server takes `"id": null` as no id (as it takes null for every optional member); the
    /// document called only a string valid.
    @Test(arguments: TestEngine.allCases) func aReportWithANullIdGetsADerivedOne(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        var body = WriteFixtures.report
        body["id"] = .null
        let stored = try api.send("POST", "/v1/reports", object: body)
        #expect(stored.status == 201, "\(stored.text)")
        #expect((try api.object(stored)["id"] as? String)?.hasPrefix("knowsley-2024-11-05-") == true)
        let document = OpenAPIDocument.build(serverURL: nil)
        let id = document["components"]?["schemas"]?["ReportInput"]?["properties"]?["id"]
        #expect(id?["type"] == ["string", "null"])
    }

    /// A letter with neither url nor text is refused (422 on url); the document now says so.
    @Test(arguments: TestEngine.allCases) func aLetterNeedsAURLOrItsText(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        var body = WriteFixtures.annualLetter
        body["url"] = .null
        let problem = try expectProblem(try api.send("POST", "/v1/annual-letters", object: body), status: 422)
        #expect(errorFields(problem) == ["url"])
        body["text"] = "Dear Chief Executive"
        #expect(try api.send("POST", "/v1/annual-letters", object: body).status == 201)
        let document = OpenAPIDocument.build(serverURL: nil)
        let anyOf = try #require(document["components"]?["schemas"]?["AnnualLetterInput"]?["anyOf"]?.arrayValue)
        #expect(anyOf.map { $0["required"] } == [["url"], ["text"]])
    }

    /// A rate above 1 is refused; the document now bounds value by metric.
    @Test(arguments: TestEngine.allCases) func ratesAreBoundedByMetricInTheDocumentAsInTheServer(engine: TestEngine)
        throws
    {
        let api = try LiveAPI.writable(engine: engine)
        var body = WriteFixtures.publishedAverage
        body["metric"] = "compliance_rate"
        body["value"] = 81
        let problem = try expectProblem(try api.send("POST", "/v1/published-averages", object: body), status: 422)
        #expect(errorFields(problem) == ["value"])
        body["metric"] = "upheld_per_100k"
        #expect(try api.send("POST", "/v1/published-averages", object: body).status == 201)
        let document = OpenAPIDocument.build(serverURL: nil)
        let schema = document["components"]?["schemas"]?["PublishedAverageInput"]
        let rates = AverageMetric.allCases.filter(\.isRate).map { JSONValue.string($0.rawValue) }
        #expect(schema?["if"]?["properties"]?["metric"]?["enum"] == .array(rates))
        #expect(schema?["then"]?["properties"]?["value"]?["maximum"] == 1)
        #expect(!rates.contains("upheld_per_100k"))
    }

    /// A published upheld_per_100k of 1e300 (any finite number is a valid figure) crashed the
    /// server when a council's statistics were asked for as CSV: one decimal was made with a
    /// trapping Int conversion.
    @Test(arguments: TestEngine.allCases) func aHugePublishedFigureIsWrittenAsCSVWithoutCrashing(engine: TestEngine)
        throws
    {
        let api = try LiveAPI.writable(engine: engine)
        let body: JSONObject = [
            "year": "2024-25", "council_type": "metropolitan_borough", "metric": "upheld_per_100k", "value": 1e300,
        ]
        let stored = try api.send("POST", "/v1/published-averages", object: body)
        #expect([200, 201].contains(stored.status), "\(stored.text)")
        let csv = try api.get("/v1/councils/knowsley/statistics?year=2024-25&format=csv")
        #expect(csv.status == 200, "\(csv.text)")
        #expect(csv.text.contains("1e+300"))
        #expect(try api.get("/v1/councils/knowsley/statistics?year=2024-25").status == 200)
    }

    @Test func csvFiguresAreTotalOverFiniteDoubles() {
        #expect(CSVFormat.oneDecimal(4.66) == "4.7")
        #expect(CSVFormat.oneDecimal(-0.25) == "-0.3")
        #expect(CSVFormat.oneDecimal(1e300) == "1e+300")
        #expect(CSVFormat.oneDecimal(-Double.greatestFiniteMagnitude) == "\(-Double.greatestFiniteMagnitude)")
        #expect(CSVFormat.oneDecimal(.infinity) == "")
        #expect(CSVFormat.percent(0.814) == "81%")
        #expect(CSVFormat.percent(1e20) == "1e+22%")
    }
}
