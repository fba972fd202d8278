import HTTPServer

/// The two formats a bulk upload may come in, told apart by `Content-Type` alone (never sniffed,
/// so a CSV file posted as NDJSON fails loudly on line 1 instead of being half understood).
enum BulkFormat: Sendable {
    /// `application/x-ndjson`: one JSON object per line.
    case ndjson
    /// `text/csv`: a header row naming the fields, then one record per row.
    case csv

    static let mediaTypes = ["application/x-ndjson", "text/csv"]

    /// The format the request declares. Parameters are allowed (`charset=utf-8`, `header=present`),
    /// but a charset other than UTF-8 (or its ASCII subset) is refused, as nothing else is decoded.
    ///
    /// - Throws: a 415 problem naming the accepted types.
    init(_ request: HTTPRequest) throws {
        try self.init(headers: request.headers)
    }

    init(headers: HTTPHeaders) throws {
        let value = headers["Content-Type"] ?? ""
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: " \t").lowercased() }
        let format: BulkFormat? =
            switch parts.first ?? "" {
            case "application/x-ndjson": .ndjson
            case "text/csv": .csv
            default: nil
            }
        let charset = parts.dropFirst().first { $0.hasPrefix("charset=") }.map {
            $0.dropFirst("charset=".count).trimmingCharacters(in: "\"")
        }
        guard let format, charset == nil || charset == "utf-8" || charset == "us-ascii" else {
            let given = value.isEmpty ? "no Content-Type" : "Content-Type '\(value)'"
            throw HTTPError(
                .unsupportedMediaType, type: ProblemType.unsupportedMediaType.uri, title: "Unsupported media type",
                detail: "\(given) is not a bulk format; send \(Self.mediaTypes.joined(separator: " or ")) in UTF-8",
                errors: [
                    FieldError(field: "Content-Type", message: "must be \(Self.mediaTypes.joined(separator: " or "))")
                ])
        }
        self = format
    }
}
