import JSON

extension OpenAPIDocument {
    /// One documented operation: what is particular to it. What every read or every write shares
    /// (conditional GET, authentication, idempotency, the problem answers) is added when it is
    /// rendered, so those conventions are stated once and no operation can forget one.
    struct Operation: Sendable {
        enum Access: Sendable {
            /// Open to everyone; conditional GET with ETag.
            case read
            /// Open to everyone, but about the process rather than the data (health, metrics): the
            /// answer changes without any write, so it has no ETag and is never 304.
            case live
            /// Needs the bearer token.
            case write
        }

        var method: String
        var path: String
        var id: String
        var tag: String
        var summary: String
        var description: String
        var access: Access
        /// Query (and header) parameters; path parameters follow from `path`.
        var parameters: [JSONValue] = []
        var requestBody: JSONValue? = nil
        /// The 2xx answers, by status code.
        var successes: Properties
        /// Answers that replace or add to the standard problem answers, by status code.
        var problems: Properties = []

        /// The `{name}` segments of the path.
        var pathParameterNames: [String] {
            path.split(separator: "/").compactMap { segment in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
            }
        }

        var hasPathParameters: Bool { !pathParameterNames.isEmpty }
        /// A GET of data, which ETagMiddleware tags and answers 304.
        var isConditional: Bool { method == "GET" && access == .read }
        /// A PUT or DELETE of one record, which honours If-Match and If-None-Match inside its
        /// transaction (`WritePreconditions`) and may be refused with 428 (`--require-if-match`).
        var isConditionalWrite: Bool { access == .write && (method == "PUT" || method == "DELETE") }
        var hasQueryParameters: Bool { !parameters.isEmpty }

        /// The Operation Object.
        var json: JSONValue {
            var object: JSONObject = [
                "operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)],
            ]
            var text = description
            if hasQueryParameters {
                text += (text.isEmpty ? "" : "\n\n") + "Unknown query parameters are refused with 400, never ignored."
            }
            if !text.isEmpty {
                object["description"] = .string(text)
            }
            let declared = allParameters
            if !declared.isEmpty {
                object["parameters"] = .array(declared)
            }
            if let requestBody {
                object["requestBody"] = requestBody
            }
            object["responses"] = .object(responses)
            if access == .write {
                object["security"] = [["bearerAuth": []]]
            }
            return .object(object)
        }

        private var allParameters: [JSONValue] {
            var all = pathParameterNames.map { Parameter.ref(Parameter.pathComponents[$0] ?? $0) }
            all += parameters
            if isConditional { all.append(Parameter.ref("IfNoneMatch")) }
            if isConditionalWrite { all += [Parameter.ref("IfMatch"), Parameter.ref("IfNoneMatchWrite")] }
            if method == "POST" { all.append(Parameter.ref("IdempotencyKey")) }
            return all
        }

        /// Successes, then 304, then problems, in status order.
        private var responses: JSONObject {
            var byStatus: [String: JSONValue] = [:]
            for success in successes {
                byStatus[success.name] = method == "POST" ? Self.replayable(success.schema) : success.schema
            }
            if isConditional {
                byStatus["304"] = Response.ref("NotModified")
            }
            for (status, name) in standardProblems {
                byStatus[status] = Response.ref(name)
            }
            for problem in problems {
                byStatus[problem.name] = problem.schema
            }
            return JSONObject(byStatus.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }

        /// The problem answers that follow from the kind of operation.
        private var standardProblems: [(String, String)] {
            let hasBody = requestBody != nil
            var list: [(String, String)] = [("414", "URITooLong"), ("500", "InternalError"), ("503", "NotReady")]
            // Only the operations that offer CSV negotiate a representation, and so can refuse one.
            if parameters.contains(Parameter.ref("Format")) {
                list.append(("406", "NotAcceptable"))
            }
            if hasBody {
                list.append(("400", "MalformedRequest"))
            } else if hasPathParameters || hasQueryParameters {
                list.append(("400", "BadRequest"))
            }
            if hasPathParameters {
                list.append(("404", "NotFound"))
            }
            guard access == .write else { return list }
            list += [("401", "Unauthorized"), ("403", "WritesDisabled")]
            if hasBody {
                list += [("413", "ContentTooLarge"), ("415", "UnsupportedMediaType"), ("422", "ValidationFailed")]
            }
            if method == "POST" {
                list.append(("409", "IdempotencyConflict"))
            }
            if isConditionalWrite {
                list += [("412", "PreconditionFailed"), ("428", "PreconditionRequired")]
            }
            return list
        }

        /// A POST answer can be the replay of an earlier one with the same Idempotency-Key.
        private static func replayable(_ response: JSONValue) -> JSONValue {
            guard var object = response.objectValue, var headers = object["headers"]?.objectValue else {
                return response
            }
            headers["Idempotent-Replayed"] = ["$ref": "#/components/headers/IdempotentReplayed"]
            object["headers"] = .object(headers)
            return .object(object)
        }
    }

    /// Success answers.
    enum Answer {
        /// A read's 200: JSON (and CSV when `csv`), with the conditional-GET headers, and `Link`
        /// when the answer is `paged`.
        static func read(_ schema: String, _ description: String, csv: Bool = false, paged: Bool = false) -> JSONValue {
            var content: JSONObject = ["application/json": ["schema": Schema.ref(schema)]]
            if csv {
                content["text/csv"] = [
                    "schema": Schema.string(
                        "RFC 4180 CSV with a header row, the same data as the JSON (nested members flattened into columns)."
                    )
                ]
            }
            return [
                "description": .string(description),
                "headers": Response.headers(
                    ["ETag", "CacheControl", "Vary", "XRequestId"] + (paged ? ["Link"] : [])
                        + (csv ? ["ContentDisposition"] : [])),
                "content": .object(content),
            ]
        }

        /// A single record's 200: JSON with the record's strong content `ETag` (`EntityTag`), the tag
        /// PUT and DELETE compare in If-Match, rather than the revision tag of other reads.
        static func record(_ schema: String, _ description: String) -> JSONValue {
            [
                "description": .string(description),
                "headers": Response.headers(["RecordETag", "CacheControl", "Vary", "XRequestId"]),
                "content": ["application/json": ["schema": Schema.ref(schema)]],
            ]
        }

        /// A 200 about the process (health, readiness): JSON, never tagged.
        static func live(_ schema: String, _ description: String) -> JSONValue {
            [
                "description": .string(description),
                "headers": Response.headers(["XRequestId"]),
                "content": ["application/json": ["schema": Schema.ref(schema)]],
            ]
        }

        /// A list's 200: a page of `item`, JSON or CSV, paged.
        static func list(_ item: String, _ description: String) -> JSONValue {
            read("\(item)Page", description, csv: true, paged: true)
        }

        /// A write's answer carrying the stored record; `located` adds the record's URL, `tagged`
        /// the record's strong `ETag` (every upsert answer has one: `WriteAnswer.stored`).
        static func stored(_ schema: String, _ description: String, located: Bool = false, tagged: Bool = false)
            -> JSONValue
        {
            [
                "description": .string(description),
                "headers": Response.headers(
                    (tagged ? ["RecordETag"] : []) + ["XRequestId"] + (located ? ["Location"] : [])),
                "content": ["application/json": ["schema": Schema.ref(schema)]],
            ]
        }

        /// 201 and 200 of an upsert of `schema`.
        static func upsert(_ schema: String, located: Bool = false) -> Properties {
            [
                ("201", stored(schema, "Created. The body is the record as stored.", located: located, tagged: true)),
                (
                    "200",
                    stored(
                        schema,
                        "The record already existed; it was identical or has been replaced. The body is the record as stored.",
                        tagged: true)
                ),
            ]
        }

        /// A JSON request body of `schema`.
        static func body(_ schema: String) -> JSONValue {
            ["required": true, "content": ["application/json": ["schema": Schema.ref(schema)]]]
        }
    }
}
