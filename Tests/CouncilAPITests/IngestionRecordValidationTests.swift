import Foundation
import HTTPTestSupport
import JSON
import Testing

/// The validation rules of the other records, one bad field per case.
@Suite struct IngestionRecordValidationTests {
    static let shared = Result { try LiveAPI.writable() }

    struct Case: Sendable, CustomTestStringConvertible {
        let path: String
        let base: JSONObject
        let invalid: InvalidBody
        var testDescription: String { "\(path): \(invalid.name)" }
    }

    static func cases(_ path: String, _ base: JSONObject, _ invalid: [InvalidBody]) -> [Case] {
        invalid.map { Case(path: path, base: base, invalid: $0) }
    }

    static let all: [Case] =
        cases(
            "/v1/councils", WriteFixtures.council,
            [
                InvalidBody("id in capitals", field: "id") { $0["id"] = "Testshire" },
                InvalidBody("id with a double hyphen", field: "id") { $0["id"] = "test--shire" },
                InvalidBody("id with a space", field: "id") { $0["id"] = "test shire" },
                InvalidBody("name missing", field: "name") { $0["name"] = nil },
                InvalidBody("short name blank", field: "short_name") { $0["short_name"] = " " },
                InvalidBody("GSS code of another nation letter", field: "gss_code") { $0["gss_code"] = "X10000999" },
                InvalidBody("GSS code too short", field: "gss_code") { $0["gss_code"] = "E1000099" },
                InvalidBody("type unknown", field: "type") { $0["type"] = "city" },
                InvalidBody("region as a number", field: "region") { $0["region"] = 3 },
                InvalidBody("read-only demo", field: "demo") { $0["demo"] = true },
            ])
        + cases(
            "/v1/councils/knowsley/populations", WriteFixtures.population,
            [
                InvalidBody("year before 1900", field: "year") { $0["year"] = 1899 },
                InvalidBody("year after 2100", field: "year") { $0["year"] = 2101 },
                InvalidBody("year fractional", field: "year") { $0["year"] = 2023.5 },
                InvalidBody("year as text", field: "year") { $0["year"] = "2023" },
                InvalidBody("population zero", field: "population") { $0["population"] = 0 },
                InvalidBody("population missing", field: "population") { $0["population"] = nil },
                InvalidBody("source empty", field: "source") { $0["source"] = "" },
                InvalidBody("council in the body", field: "council") { $0["council"] = "knowsley" },
            ])
        + cases(
            "/v1/reports", WriteFixtures.report,
            [
                InvalidBody("id with capitals", field: "id") { $0["id"] = "Report-1" },
                InvalidBody("id with two separators in a row", field: "id") { $0["id"] = "st.-helens-report" },
                InvalidBody("id ending in a separator", field: "id") { $0["id"] = "report_" },
                InvalidBody("council unknown", field: "council") { $0["council"] = "atlantis" },
                InvalidBody("title too long", field: "title") {
                    $0["title"] = .string(String(repeating: "t", count: 301))
                },
                InvalidBody("summary too long", field: "summary") {
                    $0["summary"] = .string(String(repeating: "s", count: 5001))
                },
                InvalidBody("published in the future", field: "published") { $0["published"] = "2025-04-01" },
                InvalidBody("reference malformed", field: "reference") { $0["reference"] = "23-008737" },
                InvalidBody("url not http", field: "url") { $0["url"] = "ftp://www.lgo.org.uk/x" },
                InvalidBody("url relative", field: "url") { $0["url"] = "/decisions/x" },
                InvalidBody("url too long", field: "url") {
                    $0["url"] = .string("https://www.lgo.org.uk/" + String(repeating: "a", count: 2000))
                },
            ])
        + cases(
            "/v1/service-improvements", WriteFixtures.serviceImprovement,
            [
                InvalidBody("actions empty", field: "actions") { $0["actions"] = [] },
                InvalidBody("actions a string", field: "actions") { $0["actions"] = "Remind staff." },
                InvalidBody("an action blank", field: "actions[1]") { $0["actions"] = ["Remind staff.", ""] },
                InvalidBody("an action a number", field: "actions[0]") { $0["actions"] = [3] },
                InvalidBody("an action too long", field: "actions[0]") {
                    $0["actions"] = [.string(String(repeating: "a", count: 2001))]
                },
                InvalidBody("source unknown", field: "source") { $0["source"] = "rumour" },
                InvalidBody("decided in the future", field: "decided") { $0["decided"] = "2026-01-01" },
                InvalidBody("category missing", field: "category") { $0["category"] = nil },
            ])
        + cases(
            "/v1/annual-letters", WriteFixtures.annualLetter,
            [
                InvalidBody("year with four digits twice", field: "year") { $0["year"] = "2023-2024" },
                InvalidBody("year not consecutive", field: "year") { $0["year"] = "2023-25" },
                InvalidBody("neither url nor text", field: "url") { $0["url"] = nil },
                InvalidBody("url with a script scheme", field: "url") { $0["url"] = "javascript:alert(1)" },
                InvalidBody("published before the year starts", field: "published") { $0["published"] = "2019-03-01" },
                InvalidBody("council unknown", field: "council") { $0["council"] = "atlantis" },
            ])
        + cases(
            "/v1/published-averages", WriteFixtures.publishedAverage,
            [
                InvalidBody("a rate above 1", field: "value") { $0["value"] = 81 },
                InvalidBody("negative", field: "value") { $0["value"] = -0.1 },
                InvalidBody("value as text", field: "value") { $0["value"] = "0.79" },
                InvalidBody("metric unknown", field: "metric") { $0["metric"] = "happiness" },
                InvalidBody("council type unknown", field: "council_type") { $0["council_type"] = "city" },
                InvalidBody("year malformed", field: "year") { $0["year"] = "2023" },
            ])

    @Test(arguments: all)
    func fieldIsRefused(_ test: Case) throws {
        let api = try Self.shared.get()
        let revision = try api.store.revision()
        let response = try api.send("POST", test.path, object: test.invalid.applied(to: test.base))
        #expect(response.status == 422, "\(response.text)")
        #expect(try api.object(response)["type"] as? String == "/problems/validation")
        #expect(try api.errorFields(response) == [test.invalid.field], "\(response.text)")
        #expect(try api.store.revision() == revision, "a refused write must not reach the store")
    }
}
