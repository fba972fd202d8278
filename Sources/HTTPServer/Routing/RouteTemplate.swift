/// A path pattern such as `/v1/councils/:council/statistics`, split once at registration.
///
/// Matching is done on the request's already-decoded path segments, segment by segment, so an
/// encoded slash (`%2F`) inside a parameter never changes which route matches.
struct RouteTemplate: Hashable, Sendable {
    enum Segment: Hashable, Sendable {
        case literal(String)
        /// Matches any single non-empty segment and captures it under the name.
        case parameter(String)
    }

    /// The template as registered, normalised to start with `/`.
    let text: String
    let segments: [Segment]

    init(_ template: String) {
        let parts = template.split(separator: "/", omittingEmptySubsequences: true)
        segments = parts.map { part in
            if part.first == ":" && part.count > 1 {
                return .parameter(String(part.dropFirst()))
            }
            return .literal(String(part))
        }
        text = "/" + parts.joined(separator: "/")
    }

    /// The captured values of `pathSegments`, which this template is known to match.
    func parameters(in pathSegments: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for (segment, value) in zip(segments, pathSegments) {
            if case .parameter(let name) = segment {
                values[name] = value
            }
        }
        return values
    }
}
