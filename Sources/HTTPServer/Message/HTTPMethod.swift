/// A request method token. A struct rather than an enum so that an unknown token can still be
/// carried far enough to be answered with 501 instead of being a parse failure.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let trace = HTTPMethod(rawValue: "TRACE")
    public static let connect = HTTPMethod(rawValue: "CONNECT")

    /// The methods this server implements; any other token is answered 501.
    public static let known: Set<HTTPMethod> = [.get, .head, .post, .put, .delete, .options, .patch, .trace, .connect]

    public var description: String { rawValue }

    /// GET, HEAD and OPTIONS: methods that only read (RFC 9110 section 9.2.1 calls them safe).
    public var isSafe: Bool { self == .get || self == .head || self == .options || self == .trace }
}
