/// A trie of route templates, one node per path segment.
///
/// Lookup walks literal children before the parameter child, so `/councils/search` wins over
/// `/councils/:council`, and every node is visited at most once, so lookup cost is bounded by the
/// table, never by what a client puts in a path.
struct RouteTable: Sendable {
    struct Route: Sendable {
        let method: HTTPMethod
        let template: RouteTemplate
        let bodyLimit: Int?
        /// Refuses a head this route cannot serve (a media type it does not read), before the body.
        let headCheck: Router.HeadCheck?
        /// The handler never blocks: it may run on the I/O thread that read the request.
        let nonBlocking: Bool
        /// Answers on the I/O thread when it can do so without waiting (see `Router.InPlaceHandler`).
        let inPlace: Router.InPlaceHandler?
        let handler: Router.Handler
    }

    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var parameter: Int?
        /// Routes ending here, in registration order (several templates can share a node when they
        /// differ only in parameter names).
        var routes: [Route] = []
    }

    private var nodes = [Node()]

    mutating func insert(_ route: Route) {
        var index = 0
        for segment in route.template.segments {
            switch segment {
            case .literal(let text):
                if let next = nodes[index].literals[text] {
                    index = next
                } else {
                    nodes.append(Node())
                    nodes[index].literals[text] = nodes.count - 1
                    index = nodes.count - 1
                }
            case .parameter:
                if let next = nodes[index].parameter {
                    index = next
                } else {
                    nodes.append(Node())
                    nodes[index].parameter = nodes.count - 1
                    index = nodes.count - 1
                }
            }
        }
        nodes[index].routes.removeAll { $0.method == route.method }
        nodes[index].routes.append(route)
    }

    /// The routes of every template that matches `segments`, best match first.
    func candidates(for segments: [String]) -> [[Route]] {
        var found: [[Route]] = []
        collect(node: 0, depth: 0, segments: segments, into: &found)
        return found
    }

    private func collect(node: Int, depth: Int, segments: [String], into found: inout [[Route]]) {
        guard depth < segments.count else {
            if !nodes[node].routes.isEmpty { found.append(nodes[node].routes) }
            return
        }
        let segment = segments[depth]
        if let literal = nodes[node].literals[segment] {
            collect(node: literal, depth: depth + 1, segments: segments, into: &found)
        }
        if let parameter = nodes[node].parameter, !segment.isEmpty {
            collect(node: parameter, depth: depth + 1, segments: segments, into: &found)
        }
    }
}
