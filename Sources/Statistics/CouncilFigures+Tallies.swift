import Domain

extension CouncilFigures {
    /// Figures for many tallies at once (a year across councils, or a council across years), each
    /// paired with the latest population of its own council not after its own year.
    ///
    /// Populations are grouped by council once, so building a whole league table stays linear
    /// rather than scanning every population row for every tally. Output order follows `tallies`.
    public static func figures(for tallies: [DecisionTally], populations: [Population]) -> [CouncilFigures] {
        let byCouncil = Dictionary(grouping: populations, by: \.councilID)
        return tallies.map { tally in
            let own = byCouncil[tally.councilID] ?? []
            return CouncilFigures(tally: tally, population: PopulationSelection.latest(own, for: tally.year))
        }
    }
}
