import Domain
import Foundation
import HTTPTestSupport
import JSON
import StoreTestSupport
import Testing

@testable import CouncilAPI

/// Small contract points found by independent tools, each pinned so it stays fixed.
@Suite struct SmallContractPointsTests {
    @Test(arguments: [
        "/v1/councils/knowsley/populations", "/v1/published-averages", "/v1/councils/knowsley/annual-letters",
    ])
    func aForgedCursorOfAnInMemoryListIsA400NotTheFirstPage(_ list: String) throws {
        let api = try LiveAPI()
        let forged = Cursor.encode(["no-such-item"])
        let problem = try expectProblem(try api.get("\(list)?cursor=\(forged)"), status: 400)
        #expect(errorFields(problem) == ["cursor"])
    }

    @Test func aCouncilIdShapedLikeAGSSCodeIsRefused() throws {
        let api = try LiveAPI.writable()
        var body = WriteFixtures.council
        body["id"] = "e08000012"  // Liverpool's GSS code, in lower case
        let problem = try expectProblem(try api.send("POST", "/v1/councils", object: body), status: 422)
        #expect(errorFields(problem) == ["id"])
        let liverpool = try api.object(try api.get("/v1/councils/e08000012"))
        #expect(liverpool["id"] as? String == "liverpool")
    }

    @Test func answersThatDependOnAcceptSayVaryAccept() throws {
        let api = try LiveAPI()
        for target in [
            "/v1/complaints?limit=2", "/v1/councils/knowsley/statistics?year=2024-25", "/v1/councils/knowsley",
        ] {
            let response = try api.get(target, headers: [("Accept", "text/csv")])
            #expect(response.headers.contains { $0.0.lowercased() == "vary" && $0.1.contains("Accept") }, "\(target)")
        }
    }

    @Test(arguments: ["99999999999999999999", "1e30"])
    func aPopulationBeyondSixtyFourBitsIsOutOfRangeNotNotAWholeNumber(_ number: String) throws {
        let api = try LiveAPI.writable()
        let body = #"{"year": 2023, "population": \#(number), "source": "ons-mid-2023"}"#
        let problem = try expectProblem(
            try api.send("POST", "/v1/councils/knowsley/populations", json: body), status: 422)
        let message = (problem["errors"] as? [[String: Any]])?.first?["message"] as? String
        #expect(message?.hasPrefix("must be from 1 to") == true, "\(problem)")
    }

    @Test(arguments: ["Housing\u{2028}", "\u{200B}\u{200B}", "\u{FEFF} \u{2060}"])
    func oneLineTextRefusesLineSeparatorsAndInvisibleOnlyValues(_ category: String) throws {
        let api = try LiveAPI.writable()
        var body = WriteFixtures.complaint
        body["category"] = .string(category)
        let problem = try expectProblem(try api.send("POST", "/v1/complaints", object: body), status: 422)
        #expect(errorFields(problem) == ["category"])
        // The OpenAPI pattern says the same. (ICU's `$` also matches before a final line
        // separator, which ECMA-262's, the one JSON Schema uses, does not: only the blank values
        // can be checked with it here.)
        let pattern = OpenAPIDocument.singleLinePattern
        if !category.unicodeScalars.contains(where: InputReader.lineSeparators.contains) {
            #expect(category.range(of: pattern, options: .regularExpression) == nil)
        }
        #expect("Housing".range(of: pattern, options: .regularExpression) != nil)
    }
}
