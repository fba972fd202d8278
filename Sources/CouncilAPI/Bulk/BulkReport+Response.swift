import HTTPServer
import JSON

/// The answers of a bulk upload.
///
/// The answer of a partial upload lists up to a thousand failed lines: it is written entry by
/// entry into one byte buffer rather than built as a tree of JSON values first.
extension BulkReport {
    /// 200 (nothing failed) or, in partial mode, 207 when some line failed. Partial answers always
    /// carry `results` and `unlisted_failures`, so a partial client reads one shape whatever happened.
    func response() -> HTTPResponse {
        let counts: [(String, JSONValue)] = [
            ("mode", .string(mode.rawValue)),
            ("lines", .int(Int64(lines))),
            ("created", .int(Int64(summary.created))),
            ("updated", .int(Int64(summary.updated))),
            ("unchanged", .int(Int64(summary.unchanged))),
            ("failed", .int(Int64(failed))),
        ]
        let partialCounts: [(String, JSONValue)] = [("unlisted_failures", .int(Int64(unlistedFailures)))]
        guard mode == .partial else {
            return Self.json(.object(JSONObject(counts)), status: .ok)
        }
        var output: [UInt8] = []
        output.reserveCapacity(128 + results.count * 80)
        output.append(UInt8(ascii: "{"))
        for (key, value) in counts + partialCounts {
            JSONValue.string(key).serialize(into: &output)
            output.append(UInt8(ascii: ":"))
            value.serialize(into: &output)
            output.append(UInt8(ascii: ","))
        }
        output.append(contentsOf: Array(#""results":["#.utf8))
        for (position, result) in results.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            Self.json(result).serialize(into: &output)
        }
        output.append(contentsOf: Array("]}".utf8))
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: failed > 0 ? .multiStatus : .ok, headers: headers, body: .bytes(output))
    }

    /// The 422 problem of an atomic upload with bad lines, or of an upload with no complaint.
    var problem: HTTPError {
        if isEmpty {
            return HTTPError(
                .unprocessableContent, type: ProblemType.validation.uri, title: "Validation failed",
                detail: "the upload holds no complaints (it is empty, blank or only a CSV header); nothing was written",
                errors: [FieldError(field: "body", message: "holds no complaint lines")])
        }
        let noun = lines == 1 ? "line is" : "lines are"
        var detail = "\(failed) of \(lines) \(noun) invalid; nothing was written"
        if unlistedErrors > 0 {
            detail += " (the first \(errors.count) faults are listed, \(unlistedErrors) more are not)"
        }
        return HTTPError(
            .unprocessableContent, type: ProblemType.validation.uri, title: "Validation failed", detail: detail,
            errors: errors)
    }

    private static func json(_ value: JSONValue, status: HTTPStatus) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: .bytes(value.serialized()))
    }

    private static func json(_ result: BulkLineResult) -> JSONValue {
        .object(
            JSONObject([
                ("line", .int(Int64(result.line))),
                ("status", .string(result.status.rawValue)),
                ("reference", result.reference.map { .string($0.published) } ?? .null),
                ("errors", .array(result.errors.map(fieldError))),
            ]))
    }

    private static func fieldError(_ error: FieldError) -> JSONValue {
        .object(JSONObject([("field", .string(error.field)), ("message", .string(error.message))]))
    }
}
