import Domain

/// A council's figures year by year, oldest first.
///
/// Each year takes its own population (the latest not after that year), so a per-100k series is
/// divided by the estimate known at the time rather than today's for every year. Only years with a
/// tally appear: a year without decisions has no figures, and inventing zeros would make "no data"
/// look like "no complaints".
public enum CouncilHistory {
    /// Figures for each of `tallies` (one council's, one per year), oldest year first. Populations
    /// of other councils are ignored.
    public static func figures(tallies: [DecisionTally], populations: [Population]) -> [CouncilFigures] {
        let ordered = tallies.sorted { ($0.year, $0.councilID) < ($1.year, $1.councilID) }
        return CouncilFigures.figures(for: ordered, populations: populations)
    }
}
