import HTTPServer
import JSON

/// Reads a write's body as one JSON object, refusing with the problem that tells the client
/// exactly what to fix: 415 for a body that is not declared JSON, 400 with the line and column
/// for JSON that is not well formed, 422 for well-formed JSON that is not an object.
enum JSONBody {
    static let mediaType = "application/json"

    /// The body as a JSON object.
    static func object(_ request: HTTPRequest) throws -> JSONObject {
        try requireJSONContentType(request)
        let value = try parse(try request.bodyBytes())
        guard case .object(let object) = value else {
            throw HTTPError(
                .unprocessableContent, type: ProblemType.validation.uri, title: "Validation failed",
                detail: "the body must be a JSON object, not \(describe(value))",
                errors: [FieldError(field: "body", message: "must be a JSON object")])
        }
        return object
    }

    /// Refuses anything but `application/json` (parameters allowed, a charset only if UTF-8).
    static func requireJSONContentType(_ request: HTTPRequest) throws {
        try requireJSONContentType(headers: request.headers)
    }

    /// The same check from the head alone, for `Router` head checks (before the body is read).
    static func requireJSONContentType(headers: HTTPHeaders) throws {
        let declared = headers["Content-Type"]
        guard let declared, isJSON(declared) else {
            throw HTTPError(
                .unsupportedMediaType, type: ProblemType.unsupportedMediaType.uri, title: "Unsupported media type",
                detail: declared.map { "this operation reads \(mediaType) (UTF-8), not \($0)" }
                    ?? "this operation reads \(mediaType); send Content-Type: \(mediaType)",
                headers: ["Accept-Post": mediaType])
        }
    }

    /// `application/json`, in any letter case, with optional parameters; a `charset` must be UTF-8,
    /// the only encoding JSON exchanged between systems may use (RFC 8259 section 8.1).
    static func isJSON(_ contentType: String) -> Bool {
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
        guard let type = parts.first, type.trimmingCharacters(in: " \t").lowercased() == mediaType else { return false }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return false }
            let name = pair[0].trimmingCharacters(in: " \t").lowercased()
            let value = pair[1].trimmingCharacters(in: " \t\"").lowercased()
            if name == "charset" && value != "utf-8" && value != "utf8" { return false }
        }
        return true
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw HTTPError(
                .badRequest, type: ProblemType.malformedJSON.uri, title: "Malformed JSON",
                detail: "Malformed JSON at line \(error.line), column \(error.column): \(error.message)",
                errors: [FieldError(field: "body", message: "is not well-formed JSON: \(error.description)")])
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
