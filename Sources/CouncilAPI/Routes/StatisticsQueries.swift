import Domain
import Repositories
import Statistics

/// Gathers what the Statistics module needs from the repositories and asks it for figures.
///
/// Kept apart from the routes so the JSON and CSV answers of one figure come from one computation,
/// and so a cache keyed by the store revision can sit here later without touching the handlers.
struct StatisticsQueries: Sendable {
    let store: DataStore
    /// Group figures per (type, year), valid while the store revision stands.
    let groups: RevisionMemo<GroupKey, [CouncilFigures]>

    struct GroupKey: Hashable, Sendable {
        let type: CouncilType
        let year: FinancialYear
    }

    func figures(council: Council, year: FinancialYear) throws -> CouncilFigures {
        let tally = try store.statistics.tally(council: council.id, year: year)
        let populations = try store.populations.populations(council: council.id)
        return CouncilFigures(tally: tally, populations: populations)
    }

    /// Every council of `type` with at least one decision in `year`, with its figures.
    func groupFigures(type: CouncilType, year: FinancialYear) throws -> [CouncilFigures] {
        try groups.value(for: GroupKey(type: type, year: year), revision: store.pool.revision) {
            let tallies = try store.statistics.tallies(type: type, year: year)
            let populations = try store.populations.populations(councils: tallies.map(\.councilID))
            return tallies.map { CouncilFigures(tally: $0, populations: populations[$0.councilID] ?? []) }
        }
    }

    func averages(type: CouncilType, year: FinancialYear) throws -> GroupAverages {
        GroupAverages(councilType: type, year: year, members: try groupFigures(type: type, year: year))
    }

    func published(type: CouncilType, year: FinancialYear) throws -> PublishedComparison? {
        let stored = try store.publishedAverages.averages(year: year, type: type)
        return stored.isEmpty ? nil : PublishedComparison(councilType: type, year: year, from: stored)
    }

    func history(council: Council) throws -> [CouncilFigures] {
        let tallies = try store.statistics.history(council: council.id)
        let populations = try store.populations.populations(council: council.id)
        return CouncilHistory.figures(tallies: tallies, populations: populations)
    }
}
