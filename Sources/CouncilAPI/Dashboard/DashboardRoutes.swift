import HTTPServer

/// `GET /` (the dashboard's page) and `GET /app/:file` (its scripts and styles): the browser app
/// that rebuilds the Ombudsman's published page from the public API. Outside `/v1` and outside
/// the OpenAPI document: it is a client of the API, served by the same process for convenience.
///
/// Every answer carries a strong ETag (revalidated with `If-None-Match`, 304) and
/// `Cache-Control: no-cache`, so a browser always checks but rarely downloads; the page itself
/// carries a Content-Security-Policy that allows only its own scripts and styles, and requests to
/// any API origin (the dashboard may be pointed at another one with `?api=`).
struct DashboardRoutes {
    let files: DashboardFiles

    /// The templates registered here, which the OpenAPI document does not describe.
    static let templates = ["/", "/app/:file"]

    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self' http: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func register(in router: inout Router) {
        router.get("/") { request in try serve("index.html", request) }
        router.get("/app/:file") { request in try serve(request.parameters["file"] ?? "", request) }
    }

    private func serve(_ name: String, _ request: HTTPRequest) throws -> HTTPResponse {
        guard let file = files.files[name] else {
            let detail =
                files.directory == nil
                ? "the dashboard's files were not found (looked for Dashboard/index.html; set --dashboard or DASHBOARD_PATH)"
                : "the dashboard has no file '\(name)'"
            throw HTTPError(.notFound, type: ProblemType.notFound.uri, title: "Not found", detail: detail)
        }
        var headers = HTTPHeaders()
        headers.set("ETag", file.etag)
        headers.set("Cache-Control", "no-cache")
        headers.set("X-Content-Type-Options", "nosniff")
        if file.contentType.hasPrefix("text/html") {
            headers.set("Content-Security-Policy", Self.contentSecurityPolicy)
            headers.set("Referrer-Policy", "no-referrer")
        }
        if let condition = request.headers["If-None-Match"], ETagMiddleware.matches(condition, file.etag) {
            return HTTPResponse(status: .notModified, headers: headers)
        }
        headers.set("Content-Type", file.contentType)
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(file.bytes))
    }
}
