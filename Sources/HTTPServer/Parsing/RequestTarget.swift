/// A request-target (RFC 9112 section 3.2) split into its form, decoded path and decoded query.
///
/// The path is split on `/` *before* decoding and each segment is decoded on its own, so an
/// encoded slash (`%2F`) stays data inside one segment and can never add a level to the path.
///
/// A trailing slash is dropped from `pathSegments` (so `/councils/` and `/councils` route
/// alike, and `/` has no segments) but kept in `path`, which shows what the client asked for.
/// Empty segments inside the path (`/a//b`) are kept, as `""`.
public struct RequestTarget: Hashable, Sendable {
    /// Which of the four request-target forms was sent.
    public enum Form: Hashable, Sendable {
        /// `/path?query`, the usual form.
        case origin
        /// `http://host/path?query`, as sent to proxies; only the path and query are used.
        case absolute
        /// `host:port`, valid only with CONNECT; it has no path.
        case authority
        /// `*`, valid only with OPTIONS; it has no path.
        case asterisk
    }

    public let form: Form
    /// The decoded path, starting with `/`, segments joined with `/`. `*` for the asterisk form,
    /// empty for the authority form.
    public let path: String
    /// The decoded segments, without the empty one before the leading `/`.
    public let pathSegments: [String]
    /// The decoded query parameters, in order, repeats kept. Empty `&&` pieces are skipped.
    public let query: [QueryItem]

    /// Parses a request-target as sent by `method`. Every failure is a 400 naming the problem.
    public init(_ target: String, method: HTTPMethod) throws(HTTPParseError) {
        try self.init(bytes: ArraySlice(target.utf8), method: method)
    }

    init(bytes target: ArraySlice<UInt8>, method: HTTPMethod) throws(HTTPParseError) {
        guard !target.isEmpty else {
            throw HTTPParseError(.badRequest, "The request target is empty.")
        }
        if let bad = target.first(where: { !HTTPSyntax.isVisible($0) }) {
            throw HTTPParseError(
                .badRequest, "The request target contains \(HTTPSyntax.describe(bad)); only visible ASCII is allowed.")
        }
        if target.contains(HTTPSyntax.hash) {
            throw HTTPParseError(.badRequest, "The request target contains a fragment ('#'), which is never sent.")
        }

        if method == .connect {
            try Self.checkAuthority(target)
            self.init(form: .authority, path: "", pathSegments: [], query: [])
            return
        }
        if target.count == 1 && target.first == HTTPSyntax.asterisk {
            guard method == .options else {
                throw HTTPParseError(.badRequest, "The request target '*' is only allowed with OPTIONS.")
            }
            self.init(form: .asterisk, path: "*", pathSegments: [], query: [])
            return
        }
        if target.first == HTTPSyntax.slash {
            try self.init(form: .origin, pathAndQuery: target)
            return
        }
        try self.init(form: .absolute, pathAndQuery: Self.pathAndQuery(ofAbsolute: target))
    }

    private init(form: Form, path: String, pathSegments: [String], query: [QueryItem]) {
        self.form = form
        self.path = path
        self.pathSegments = pathSegments
        self.query = query
    }

    /// Splits `/path?query` and decodes both halves.
    private init(form: Form, pathAndQuery bytes: ArraySlice<UInt8>) throws(HTTPParseError) {
        let questionMark = bytes.firstIndex(of: HTTPSyntax.question)
        let rawPath = bytes[bytes.startIndex..<(questionMark ?? bytes.endIndex)]

        // rawPath starts with "/"; the empty segment before it is not a segment. Every piece
        // between slashes is one, empty ones included (one loop: every request passes here).
        var decoded: [String] = []
        decoded.reserveCapacity(8)
        var start = rawPath.startIndex + 1
        while true {
            let end = rawPath[start...].firstIndex(of: HTTPSyntax.slash) ?? rawPath.endIndex
            decoded.append(try PercentDecoding.decode(rawPath[start..<end], plusIsSpace: false, part: "A path segment"))
            guard end < rawPath.endIndex else { break }
            start = end + 1
        }
        // Without escapes the decoded path is the path as sent.
        let path =
            rawPath.contains(HTTPSyntax.percent)
            ? "/" + decoded.joined(separator: "/") : String(decoding: rawPath, as: UTF8.self)
        if decoded.last == "" { decoded.removeLast() }

        var query: [QueryItem] = []
        if let questionMark {
            let rawQuery = bytes[(questionMark + 1)...]
            for piece in rawQuery.split(separator: HTTPSyntax.ampersand) {
                let equals = piece.firstIndex(of: HTTPSyntax.equals)
                let rawName = piece[piece.startIndex..<(equals ?? piece.endIndex)]
                let rawValue = equals.map { piece[($0 + 1)...] } ?? []
                query.append(
                    QueryItem(
                        name: try PercentDecoding.decode(rawName, plusIsSpace: true, part: "A query parameter name"),
                        value: try PercentDecoding.decode(rawValue, plusIsSpace: true, part: "A query parameter value")
                    ))
            }
        }
        self.init(form: form, path: path, pathSegments: decoded, query: query)
    }

    /// The `/path?query` part of `http://authority/path?query` (`/` when the path is empty).
    /// Only the http and https schemes are accepted, and no userinfo.
    private static func pathAndQuery(ofAbsolute target: ArraySlice<UInt8>) throws(HTTPParseError) -> ArraySlice<UInt8> {
        let lowered = target.prefix(8).map { $0 | 0x20 }
        let schemeLength: Int
        if lowered.starts(with: "http://".utf8) {
            schemeLength = 7
        } else if lowered.starts(with: "https://".utf8) {
            schemeLength = 8
        } else {
            throw HTTPParseError(
                .badRequest, "The request target must start with '/' (or be an absolute http or https URI).")
        }
        let authorityStart = target.startIndex + schemeLength
        let rest = target[authorityStart...]
        let authorityEnd =
            rest.firstIndex { $0 == HTTPSyntax.slash || $0 == HTTPSyntax.question } ?? target.endIndex
        let authority = target[authorityStart..<authorityEnd]
        guard !authority.isEmpty else {
            throw HTTPParseError(.badRequest, "The absolute request target has no host.")
        }
        guard !authority.contains(HTTPSyntax.at) else {
            throw HTTPParseError(.badRequest, "The absolute request target must not contain user information ('@').")
        }
        let pathAndQuery = target[authorityEnd...]
        if pathAndQuery.first == HTTPSyntax.slash { return pathAndQuery }
        return ArraySlice([HTTPSyntax.slash] + pathAndQuery)
    }

    /// `authority-form = uri-host ":" port`, as CONNECT requires.
    private static func checkAuthority(_ target: ArraySlice<UInt8>) throws(HTTPParseError) {
        guard let colon = target.lastIndex(of: HTTPSyntax.colon) else {
            throw HTTPParseError(.badRequest, "A CONNECT request target must be 'host:port'.")
        }
        let host = target[target.startIndex..<colon]
        let port = target[(colon + 1)...]
        let forbidden: Set<UInt8> = [HTTPSyntax.slash, HTTPSyntax.question, HTTPSyntax.at]
        guard !host.isEmpty, !host.contains(where: forbidden.contains), !port.isEmpty, port.count <= 5,
            port.allSatisfy(HTTPSyntax.isDigit)
        else {
            throw HTTPParseError(.badRequest, "A CONNECT request target must be 'host:port'.")
        }
    }
}
