import HTTPServer
import JSON

/// `GET /problems/{name}`: what each problem `type` means, so the URI in a problem document leads
/// somewhere useful. HTML when the client prefers it (a person following the link in a browser),
/// JSON otherwise; both from the `ProblemType` table the problems themselves are made from.
struct ProblemRoutes {
    func register(in router: inout Router) {
        router.get("/problems/:name") { try describe($0) }
    }

    func describe(_ request: HTTPRequest) throws -> HTTPResponse {
        try QueryReader(request, allowed: []).validate()
        let name = request.parameters["name"] ?? ""
        guard let problem = ProblemType.named(name) else {
            throw HTTPError(
                .notFound, type: ProblemType.notFound.uri, title: "Problem type not found",
                detail: "no problem type is called '\(name)'; the OpenAPI document lists them")
        }
        var headers = HTTPHeaders()
        headers.add("Vary", "Accept")
        if Self.prefersHTML(request.headers["Accept"]) {
            headers.set("Content-Type", "text/html; charset=utf-8")
            return HTTPResponse(status: .ok, headers: headers, body: .bytes(Array(Self.html(problem).utf8)))
        }
        return .json(
            ["type": .string(problem.uri), "title": .string(problem.title), "description": .string(problem.summary)],
            headers: headers)
    }

    /// Whether `text/html` has a higher q-value than any range that JSON satisfies.
    static func prefersHTML(_ accept: String?) -> Bool {
        guard let accept else { return false }
        var html = 0.0
        var json = 0.0
        for (type, quality) in AcceptRanges.parse(accept) {
            switch type {
            case "text/html": html = max(html, quality)
            case "application/json", "application/problem+json", "application/*", "*/*": json = max(json, quality)
            default: break
            }
        }
        return html > 0 && html > json
    }

    static func html(_ problem: ProblemType) -> String {
        let title = escape(problem.title)
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title></head>
            <body><main><h1>\(title)</h1><p>\(escape(problem.summary))</p>
            <p>Problem type <code>\(escape(problem.uri))</code> of the council-api
            (<a href="/openapi.json">OpenAPI document</a>).</p></main></body></html>

            """
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
