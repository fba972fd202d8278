import Domain
import Foundation
import HTTPTestSupport
import JSON
import StoreTestSupport
import Testing

@testable import CouncilAPI

/// Disagreements between the OpenAPI document and the server that scripts/check-openapi.sh
/// (schemathesis) found, each pinned here so it stays fixed without running the fuzzer.
@Suite struct ContractRegressionTests {
    /// The document offered `category` on both service-improvement lists; the server refused it
    /// as an unknown parameter.
    @Test(arguments: TestEngine.allCases) func serviceImprovementsFilterByCategory(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        for base in [
            "/v1/service-improvements?as_of=2025-03-31", "/v1/councils/knowsley/service-improvements?as_of=2025-03-31",
        ] {
            let all = try api.items(try api.get(base + "&limit=100"))
            let category = try #require(all.first?["category"] as? String)
            let escaped = try #require(category.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let response = try api.get(base + "&limit=100&category=\(escaped)")
            #expect(response.status == 200, "\(response.text)")
            let filtered = try api.items(response)
            #expect(!filtered.isEmpty)
            #expect(filtered.allSatisfy { $0["category"] as? String == category })
            #expect(filtered.count == all.filter { $0["category"] as? String == category }.count)
            #expect(try api.items(try api.get(base + "&category=No%20such%20service")).isEmpty)
        }
    }

    /// Empty free-text filters mean "no filter" (as an empty form field sends them); the document
    /// said they must not be empty.
    @Test(arguments: TestEngine.allCases) func anEmptyTextFilterIsNoFilter(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let all = try api.items(try api.get("/v1/councils?limit=100"))
        #expect(try api.items(try api.get("/v1/councils?limit=100&region=&q=")).count == all.count)
        let schema = try #require(
            OpenAPIDocument.parameterComponents.first { $0.name == "Region" }?.schema["schema"])
        #expect(schema["minLength"] == nil)
        #expect(schema["maxLength"] == 200)
    }

    /// The 200-character cap counts code points, as JSON Schema's maxLength does: 101 letters with
    /// a combining accent each are 101 characters but 202 code points.
    @Test(arguments: TestEngine.allCases) func textLengthsCountCodePoints(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let accented = String(repeating: "e%CC%81", count: 101)
        let problem = try expectProblem(try api.get("/v1/councils?q=\(accented)"), status: 400)
        #expect(errorFields(problem) == ["q"])
        #expect(try api.get("/v1/councils?q=\(String(repeating: "e%CC%81", count: 100))").status == 200)
    }

    /// The ReportingYear pattern was `^[0-9]{4}-[0-9]{2}$`, which calls 2024-27 valid; it now
    /// matches exactly what the API accepts.
    @Test func theReportingYearPatternIsWhatTheAPIAccepts() throws {
        let pattern = OpenAPIDocument.reportingYearPattern
        let regex = try NSRegularExpression(pattern: pattern)
        func matches(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        for start in [0, 999, 1899, 1900, 1999, 2000, 2024, 2099, 5326, 8999, 9000, 9899, 9900, 9998, 9999] {
            for end in 0..<100 {
                let text =
                    "\(String(repeating: "0", count: max(0, 4 - String(start).count)))\(start)-\(end < 10 ? "0" : "")\(end)"
                #expect(matches(text) == (FinancialYear(text) != nil), "\(text)")
            }
        }
        for malformed in ["2024-2025", "2024-5", "24-25", " 2024-25", "2024-25 ", "2024/25", "２０２４-25"] {
            #expect(!matches(malformed) && FinancialYear(malformed) == nil, "\(malformed)")
        }
        let document = OpenAPIDocument.build(serverURL: nil)
        #expect(document["components"]?["schemas"]?["ReportingYear"]?["pattern"] == .string(pattern))
    }

    /// The document promised ETag and 304 on health, readiness and metrics too, which the server
    /// never tags (they change without any write). It now lists them exactly where the server sends
    /// an ETag.
    @Test(arguments: TestEngine.allCases) func conditionalGETIsDocumentedWhereTheServerTags(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let document = OpenAPIDocument.build(serverURL: nil)
        for path in ["/healthz", "/readyz", "/metrics", "/openapi.json", "/v1/councils", "/v1/published-averages"] {
            let operation = try #require(document["paths"]?[path]?["get"], "\(path)")
            let tagged = try api.get(path).header("ETag") != nil
            #expect((operation["responses"]?["304"] != nil) == tagged, "\(path)")
            #expect((operation["responses"]?["200"]?["headers"]?["ETag"] != nil) == tagged, "\(path)")
        }
    }

    /// A URL past the server's request-line limit is answered 414 whatever the operation; the
    /// document did not list it.
    @Test func everyOperationDocuments414() throws {
        let document = OpenAPIDocument.build(serverURL: nil)
        let paths = try #require(document["paths"]?.objectValue)
        for (path, item) in paths {
            for (method, operation) in try #require(item.objectValue) {
                #expect(operation["responses"]?["414"] != nil, "\(method.uppercased()) \(path)")
            }
        }
    }
}
