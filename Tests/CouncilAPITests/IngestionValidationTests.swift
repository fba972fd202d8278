import Foundation
import HTTPTestSupport
import JSON
import Testing

/// Every validation rule of the complaint input over a live socket: one bad field per case, each
/// answered 422 naming that field, and nothing written.
@Suite struct IngestionValidationTests {
    /// Refused bodies write nothing, so one server serves every case.
    static let shared = Result { try LiveAPI.writable() }

    static let longText = String(repeating: "x", count: 201)

    static let complaintCases: [InvalidBody] = [
        InvalidBody("reference missing", field: "reference") { $0["reference"] = nil },
        InvalidBody("reference seven digits", field: "reference") { $0["reference"] = "2412345" },
        InvalidBody("reference with letters", field: "reference") { $0["reference"] = "24 ABC 456" },
        InvalidBody("reference as a number", field: "reference") { $0["reference"] = 24_123_456 },
        InvalidBody("council missing", field: "council") { $0["council"] = nil },
        InvalidBody("council unknown", field: "council") { $0["council"] = "atlantis" },
        InvalidBody("council as a number", field: "council") { $0["council"] = 7 },
        InvalidBody("received month 13", field: "received") { $0["received"] = "2024-13-01" },
        InvalidBody("received as a number", field: "received") { $0["received"] = 20_240_501 },
        InvalidBody("decided missing", field: "decided") { $0["decided"] = nil },
        InvalidBody("decided null", field: "decided") { $0["decided"] = .null },
        InvalidBody("decided 30 February", field: "decided") { $0["decided"] = "2024-02-30" },
        InvalidBody("decided in British order", field: "decided") { $0["decided"] = "30/06/2024" },
        InvalidBody("decided in the future", field: "decided") { $0["decided"] = "2025-04-01" },
        InvalidBody("decided before received", field: "decided") { $0["decided"] = "2024-04-30" },
        InvalidBody("category missing", field: "category") { $0["category"] = nil },
        InvalidBody("category empty", field: "category") { $0["category"] = "" },
        InvalidBody("category blank", field: "category") { $0["category"] = "   " },
        InvalidBody("category as a number", field: "category") { $0["category"] = 7 },
        InvalidBody("category too long", field: "category") { $0["category"] = .string(longText) },
        InvalidBody("category with a line break", field: "category") { $0["category"] = "Adult\ncare" },
        InvalidBody("subcategory too long", field: "subcategory") { $0["subcategory"] = .string(longText) },
        InvalidBody("subcategory as an array", field: "subcategory") { $0["subcategory"] = ["Residential care"] },
        InvalidBody("outcome missing", field: "outcome") { $0["outcome"] = nil },
        InvalidBody("outcome unknown", field: "outcome") { $0["outcome"] = "won" },
        InvalidBody("outcome in capitals", field: "outcome") { $0["outcome"] = "UPHELD" },
        InvalidBody("reason on an upheld complaint", field: "not_for_us_reason") {
            $0["not_for_us_reason"] = "premature"
        },
        InvalidBody("reason unknown", field: "not_for_us_reason") {
            $0["outcome"] = "not_for_us"
            $0["remedy_before_ombudsman"] = nil
            $0["compliance"] = nil
            $0["not_for_us_reason"] = "bored"
        },
        InvalidBody("remedy as text", field: "remedy_before_ombudsman") { $0["remedy_before_ombudsman"] = "yes" },
        InvalidBody("remedy on a not upheld complaint", field: "remedy_before_ombudsman") {
            $0["outcome"] = "not_upheld"
            $0["compliance"] = nil
        },
        InvalidBody("compliance unknown", field: "compliance") { $0["compliance"] = "maybe" },
        InvalidBody("compliance on an assessed complaint", field: "compliance") {
            $0["outcome"] = "assessed_and_closed"
            $0["remedy_before_ombudsman"] = nil
        },
        InvalidBody("unknown field", field: "colour") { $0["colour"] = "red" },
        InvalidBody("misspelt optional field", field: "subcatgeory") { $0["subcatgeory"] = "Residential care" },
        InvalidBody("read-only year", field: "year") { $0["year"] = "2024-25" },
        InvalidBody("read-only demo", field: "demo") { $0["demo"] = false },
    ]

    @Test(arguments: complaintCases)
    func complaintFieldIsRefused(_ invalid: InvalidBody) throws {
        let api = try Self.shared.get()
        let response = try api.send("POST", "/v1/complaints", object: invalid.applied(to: WriteFixtures.complaint))
        #expect(response.status == 422, "\(response.text)")
        #expect(response.header("Content-Type") == "application/problem+json")
        let body = try api.object(response)
        #expect(body["type"] as? String == "/problems/validation")
        #expect(try api.errorFields(response) == [invalid.field], "\(response.text)")
        #expect(try api.store.complaints.complaint(#require(.init("24 123 456"))) == nil)
    }

    @Test func everyFaultOfOneBodyIsListedAtOnce() throws {
        let api = try Self.shared.get()
        let response = try api.send(
            "POST", "/v1/complaints",
            json: #"{"reference": "x", "council": "atlantis", "decided": "2024-02-30", "outcome": "won", "demo": true}"#
        )
        #expect(response.status == 422)
        #expect(
            Set(try api.errorFields(response)) == ["reference", "council", "decided", "category", "outcome", "demo"])
    }

    @Test func enumerationErrorsListTheAllowedValues() throws {
        let api = try Self.shared.get()
        var body = WriteFixtures.complaint
        body["outcome"] = "won"
        let response = try api.send("POST", "/v1/complaints", object: body)
        let message = try #require(try api.errorMessages(response).first)
        #expect(message == "must be one of: not_for_us, assessed_and_closed, upheld, not_upheld")
    }

    @Test func readOnlyFieldsAreRefusedAsSetByTheServer() throws {
        let api = try Self.shared.get()
        var body = WriteFixtures.complaint
        body["year"] = "2024-25"
        let response = try api.send("POST", "/v1/complaints", object: body)
        let message = try #require(try api.errorMessages(response).first)
        #expect(message.contains("set by the server"))
    }

    @Test func unknownFieldsAreNamedWithTheAllowedOnes() throws {
        let api = try Self.shared.get()
        var body = WriteFixtures.complaint
        body["colour"] = "red"
        let response = try api.send("POST", "/v1/complaints", object: body)
        let message = try #require(try api.errorMessages(response).first)
        #expect(message.hasPrefix("is not a known field; allowed: reference, council, received, decided"))
    }

    // MARK: The body as a whole

    @Test func malformedJSONIsA400GivingThePosition() throws {
        let api = try Self.shared.get()
        let response = try api.send("POST", "/v1/complaints", json: "{\"reference\": \"24 123 456\",\n \"council\": }")
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        let body = try api.object(response)
        #expect(body["type"] as? String == "/problems/malformed-json")
        let detail = try #require(body["detail"] as? String)
        #expect(detail.hasPrefix("Malformed JSON at line 2, column 13: "), "\(detail)")
    }

    @Test(arguments: ["", "{", "{\"a\": 1,}", "nul", "{\"a\": 1, \"a\": 2}"])
    func notWellFormedIsA400(_ text: String) throws {
        let api = try Self.shared.get()
        let response = try api.send("POST", "/v1/complaints", json: text)
        #expect(response.status == 400, "\(text): \(response.text)")
        #expect((try api.object(response)["detail"] as? String)?.hasPrefix("Malformed JSON at line 1, column") == true)
    }

    @Test(arguments: ["[]", "\"complaint\"", "42", "null", "true"])
    func wellFormedButNotAnObjectIsA422(_ text: String) throws {
        let api = try Self.shared.get()
        let response = try api.send("POST", "/v1/complaints", json: text)
        #expect(response.status == 422, "\(text)")
        #expect(try api.errorFields(response) == ["body"])
    }

    @Test(arguments: [
        nil, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
        "application/jsonx",
    ])
    func wrongContentTypeIsA415(_ contentType: String?) throws {
        let api = try Self.shared.get()
        let response = try api.send(
            "POST", "/v1/complaints", json: JSONValue.object(WriteFixtures.complaint).serializedString(),
            contentType: contentType)
        #expect(response.status == 415)
        #expect(response.header("Content-Type") == "application/problem+json")
        let body = try api.object(response)
        #expect(body["type"] as? String == "/problems/unsupported-media-type")
        #expect((body["detail"] as? String)?.contains("application/json") == true)
    }

    @Test func bodyOfAPutIsValidatedLikeAPost() throws {
        let api = try Self.shared.get()
        var body = WriteFixtures.complaint
        body["outcome"] = "won"
        let response = try api.send("PUT", "/v1/complaints/24123456", object: body)
        #expect(response.status == 422)
        #expect(try api.errorFields(response) == ["outcome"])
    }

    @Test func putWhoseBodyNamesAnotherCaseIsRefusedOnReference() throws {
        let api = try Self.shared.get()
        let response = try api.send("PUT", "/v1/complaints/24999999", object: WriteFixtures.complaint)
        #expect(response.status == 422)
        #expect(try api.errorFields(response) == ["reference"])
        #expect(try api.errorMessages(response).first?.contains("24 999 999") == true)
    }
}
