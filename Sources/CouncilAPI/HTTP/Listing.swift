import HTTPServer
import JSON
import Repositories

/// Turns one page of records into the list answer every list endpoint gives:
/// `{"items": […], "next_cursor": "…" | null}` with a `Link: <…>; rel="next"` header, or CSV.
///
/// The next link is the request's own URL with only `cursor` replaced, so filters carry over and
/// a client can follow links without knowing how to build URLs.
enum Listing {
    static func respond<Item>(
        _ page: Page<Item>, to request: HTTPRequest, as representation: Representation,
        json: (Item) -> JSONValue, csv: CSVColumns<Item>, name: String
    ) -> HTTPResponse {
        let cursor = page.next.map { Cursor.encode($0.values) }
        var headers = HTTPHeaders()
        if let cursor { headers.set("Link", "<\(nextURL(request, cursor: cursor))>; rel=\"next\"") }
        switch representation {
        case .json:
            let body: JSONValue = [
                "items": .array(page.items.map(json)),
                "next_cursor": JSONValue(cursor),
            ]
            return .json(body, headers: headers)
        case .csv:
            var response = HTTPResponse.csv(csv.render(page.items), filename: name)
            for (field, value) in headers { response.headers.set(field, value) }
            return response
        }
    }

    /// A page of an in-memory list (a council's letters, populations), keyed by a unique string
    /// per item in list order, so such lists paginate like the others. A cursor naming no item of
    /// the list (forged, from another list, or of a record since deleted) is refused, as the
    /// stored lists refuse theirs, rather than silently restarting at the first page.
    static func page<Item>(_ items: [Item], key: (Item) -> String, request: PageRequest) throws -> Page<Item> {
        var start = 0
        if let after = request.after {
            guard after.values.count == 1, let index = items.firstIndex(where: { key($0) == after.values[0] }) else {
                throw RepositoryError.invalidPageKey
            }
            start = index + 1
        }
        let slice = Array(items[start...].prefix(request.limit))
        let hasMore = start + slice.count < items.count
        return Page(items: slice, next: hasMore ? slice.last.map { PageKey([key($0)]) } : nil)
    }

    static func nextURL(_ request: HTTPRequest, cursor: String) -> String {
        var items = request.query.filter { $0.name != "cursor" }
        items.append(QueryItem(name: "cursor", value: cursor))
        return request.path + "?" + QueryString.encode(items)
    }
}

/// Builds query strings, percent-encoding everything outside RFC 3986's unreserved set.
enum QueryString {
    static func encode(_ items: [QueryItem]) -> String {
        items.map { escape($0.name) + "=" + escape($0.value) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
