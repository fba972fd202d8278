import HTTPServer

/// Which representation a client asked for. `format=csv|json` in the query wins (easy from a
/// browser address bar or a spreadsheet's "from web"); otherwise the `Accept` header is honoured
/// with its q-values; with neither, JSON.
enum Representation: String, CaseIterable {
    case json
    case csv

    static func negotiate(_ request: HTTPRequest, format: Representation?) throws -> Representation {
        if let format { return format }
        guard let accept = request.headers["Accept"], !accept.isEmpty else { return .json }
        var best: (Representation, Double)?
        for (type, quality) in AcceptRanges.parse(accept) {
            guard quality > 0 else { continue }
            let offered: Representation?
            switch type {
            case "application/json", "application/*", "*/*", "application/problem+json": offered = .json
            case "text/csv", "text/*": offered = .csv
            default: offered = nil
            }
            if let offered, quality > (best?.1 ?? 0) { best = (offered, quality) }
        }
        guard let (chosen, _) = best else {
            throw HTTPError(
                .notAcceptable, type: ProblemType.notAcceptable.uri,
                detail: "this resource is available as application/json or text/csv; Accept was '\(accept)'")
        }
        return chosen
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
