import Domain

/// A council's population for a year (`POST /v1/councils/{council}/populations`). The council is
/// the one in the path, so the body does not name it.
enum PopulationInput {
    static let fieldNames = ["year", "population", "source"]
    static let yearRange = 1900...2100

    static func decode(_ fields: InputFields, councilID: String) throws(InputErrors) -> Population {
        var reader = InputReader(fields, allowed: fieldNames)
        if case .json(let object) = fields, object.contains(key: "council") {
            // Listed as unknown by the reader; say where the council comes from instead.
            reader.replaceFault(
                "council", "is taken from the path (/v1/councils/\(councilID)/populations); leave it out")
        }
        let year = reader.integer("year", required: true, in: yearRange)
        let population = reader.integer("population", required: true, in: 1...Int.max)
        let source = reader.string("source", required: true, maxLength: 200)
        try reader.finish()
        guard let year, let population, let source else { throw InputErrors.unreadable("year") }
        return Population(councilID: councilID, year: year, population: population, source: source)
    }
}
