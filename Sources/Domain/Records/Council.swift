/// A council the Ombudsman reports on. `id` is the gov.uk slug (`knowsley`) so that URLs read
/// well; the GSS code (`E08000011`) is the official identifier and also accepted wherever an id is.
public struct Council: Hashable, Sendable {
    public var id: String
    public var name: String
    public var shortName: String
    public var gssCode: String
    public var type: CouncilType
    public var region: String?
    /// True for invented councils and figures shipped as demo data, so they can never pass as real.
    public var isDemo: Bool

    public init(
        id: String, name: String, shortName: String, gssCode: String, type: CouncilType,
        region: String?, isDemo: Bool = false
    ) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.gssCode = gssCode
        self.type = type
        self.region = region
        self.isDemo = isDemo
    }
}

/// A council's resident population for a year, with where the figure came from (`ons-mid-2020`).
public struct Population: Hashable, Sendable {
    public var councilID: String
    public var year: Int
    public var population: Int
    public var source: String

    public init(councilID: String, year: Int, population: Int, source: String) {
        self.councilID = councilID
        self.year = year
        self.population = population
        self.source = source
    }
}
