import HTTPServer
import JSON

extension HTTPResponse {
    /// A JSON response. Every API body goes through here so the media type is set in one place.
    static func json(_ value: JSONValue, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse
    {
        var headers = headers
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: .bytes(value.serialized()))
    }

    /// One record's JSON with its strong `ETag`, the digest of exactly these bytes (`EntityTag`):
    /// how a single record's GET and every write answer carrying a record are made, so the tag a
    /// write returns is the tag the next GET returns.
    static func record(_ value: JSONValue, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders())
        -> HTTPResponse
    {
        let bytes = value.serialized()
        var headers = headers
        headers.set("Content-Type", "application/json")
        headers.set("ETag", EntityTag.of(bytes))
        return HTTPResponse(status: status, headers: headers, body: .bytes(bytes))
    }

    /// A CSV response (RFC 4180, with a header row).
    static func csv(_ bytes: [UInt8], filename: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "text/csv; charset=utf-8; header=present")
        headers.set("Content-Disposition", "inline; filename=\"\(filename).csv\"")
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(bytes))
    }
}
