import CouncilAPI
import Domain
import Foundation
import HTTPTestSupport
import Repositories
import StoreTestSupport

/// A live API with a write token, and uploads to `POST /v1/complaints/bulk` built from parts.
enum Bulk {
    static let token = "bulk-test-token"

    static func api(engine: TestEngine, maxBulkBytes: Int = 64 << 20) throws -> LiveAPI {
        try LiveAPI(
            engine: engine,
            configuration: APIConfiguration(
                apiTokens: [token], maxBulkBytes: maxBulkBytes, clock: .fixed(DemoDataset.asOf)))
    }

    /// One NDJSON line for a decision about a demo council; `serial` picks a reference
    /// (`24 9SS SSS`) far above the demo data's own serials.
    static func line(
        _ serial: Int, council: String = "knowsley", decided: String = "2024-09-02", outcome: String = "not_upheld",
        extra: String = ""
    ) -> String {
        #"{"reference":"\#(reference(serial))","council":"\#(council)","received":"2024-05-01","decided":"\#(decided)","category":"Housing","outcome":"\#(outcome)"\#(extra)}"#
    }

    static func reference(_ serial: Int) -> String {
        let digits = String(900_000 + serial)
        return "24 \(digits.prefix(3)) \(digits.suffix(3))"
    }

    static func upload(
        _ api: LiveAPI, _ body: String, contentType: String? = "application/x-ndjson", query: String = "",
        token: String? = Bulk.token, headers: [(String, String)] = []
    ) throws -> RawResponse {
        try upload(api, bytes: Array(body.utf8), contentType: contentType, query: query, token: token, headers: headers)
    }

    static func upload(
        _ api: LiveAPI, bytes: [UInt8], contentType: String? = "application/x-ndjson", query: String = "",
        token: String? = Bulk.token, headers extra: [(String, String)] = []
    ) throws -> RawResponse {
        var headers = extra
        if let contentType { headers.append(("Content-Type", contentType)) }
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        // Uploads of thousands of lines take seconds in a debug build on a busy machine.
        return try api.live.request(
            "POST", "/v1/complaints/bulk" + query, headers: headers, body: bytes, receiveTimeout: 60)
    }

    /// Whether the decision with `serial` is on record, asked through the read API.
    static func isStored(_ api: LiveAPI, _ serial: Int) throws -> Bool {
        let reference = reference(serial).replacingOccurrences(of: " ", with: "")
        let status = try api.get("/v1/complaints/\(reference)").status
        guard status == 200 || status == 404 else { throw RawClientError(description: "GET answered \(status)") }
        return status == 200
    }

    /// The `errors` of a problem as (line, field) pairs, in order.
    static func faults(_ api: LiveAPI, _ response: RawResponse) throws -> [(line: Int, field: String)] {
        let errors = try api.object(response)["errors"] as? [[String: Any]] ?? []
        return errors.map { ($0["line"] as? Int ?? 0, $0["field"] as? String ?? "") }
    }

    /// The `results` of a partial answer as (line, status) pairs.
    static func results(_ api: LiveAPI, _ response: RawResponse) throws -> [[String: Any]] {
        try api.object(response)["results"] as? [[String: Any]] ?? []
    }
}
