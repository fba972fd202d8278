import Domain

/// Which councils a list holds. Every filter is optional; present ones are ANDed.
public struct CouncilFilter: Hashable, Sendable {
    public var type: CouncilType?
    /// Matched ignoring ASCII case.
    public var region: String?
    /// A substring of the name or short name, ignoring ASCII case (`know` finds Knowsley).
    public var query: String?

    public init(type: CouncilType? = nil, region: String? = nil, query: String? = nil) {
        self.type = type
        self.region = region
        self.query = query
    }
}
