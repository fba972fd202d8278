import Domain
import Repositories
import Statistics

/// Gathers what the Statistics module needs from the repositories and asks it for figures.
///
/// A council-year's figures, a type's group figures, its register and its published averages are
/// kept per store revision (`RevisionMemo`): still computed from the stored decisions, but once per
/// write rather than once per request, so a council's statistics cost the same at two million
/// decisions as at two hundred thousand. A council's history is not kept: it is computed per
/// request (its tallies by year and its populations, two queries).
///
/// Kept apart from the routes so the JSON and CSV answers of one figure come from one computation,
/// and so the handlers never see the caches. The revision is the request's own
/// (`RequestRevision`), read once from the database, so on PostgreSQL a write by any instance
/// retires what was cached before it.
struct StatisticsQueries: Sendable {
    let store: DataStore
    /// Councils whose rate rests on fewer cases are flagged and left out of averages.
    let threshold: SmallNumberThreshold
    /// Group figures per (type, year), valid while the store revision stands.
    let groups: RevisionMemo<GroupKey, [CouncilFigures]>
    /// One council-year's figures, valid while the store revision stands.
    let councils: RevisionMemo<CouncilYearKey, CouncilFigures>
    /// The councils of a type by id, for naming league-table rows.
    let registers: RevisionMemo<CouncilType, [String: Council]>
    /// The Ombudsman's published averages per (type, year).
    let publishedAverages: RevisionMemo<GroupKey, PublishedComparison?>

    struct GroupKey: Hashable, Sendable {
        let type: CouncilType
        let year: FinancialYear
    }

    struct CouncilYearKey: Hashable, Sendable {
        let councilID: String
        let year: FinancialYear
    }

    /// Sized for every council-year on record (317 councils over a few dozen years) and every
    /// type-year pair, so a steady read load never evicts.
    init(store: DataStore, threshold: SmallNumberThreshold) {
        self.store = store
        self.threshold = threshold
        self.groups = RevisionMemo(capacity: 512)
        self.councils = RevisionMemo(capacity: 16_384)
        self.registers = RevisionMemo(capacity: 16)
        self.publishedAverages = RevisionMemo(capacity: 512)
    }

    func figures(council: Council, year: FinancialYear) throws -> CouncilFigures {
        try councils.value(for: CouncilYearKey(councilID: council.id, year: year), revision: try revision()) {
            let tally = try store.statistics.tally(council: council.id, year: year)
            let populations = try store.populations.populations(council: council.id)
            return CouncilFigures(tally: tally, populations: populations)
        }
    }

    /// The councils of `type` by id.
    func councilsByID(type: CouncilType) throws -> [String: Council] {
        try registers.value(for: type, revision: try revision()) {
            Dictionary(try store.councils.all(type: type).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Every council of `type` with at least one decision in `year`, with its figures.
    func groupFigures(type: CouncilType, year: FinancialYear) throws -> [CouncilFigures] {
        try groups.value(for: GroupKey(type: type, year: year), revision: try revision()) {
            let tallies = try store.statistics.tallies(type: type, year: year)
            let populations = try store.populations.populations(councils: tallies.map(\.councilID))
            return tallies.map { CouncilFigures(tally: $0, populations: populations[$0.councilID] ?? []) }
        }
    }

    func averages(type: CouncilType, year: FinancialYear) throws -> GroupAverages {
        GroupAverages(
            councilType: type, year: year, members: try groupFigures(type: type, year: year), threshold: threshold)
    }

    func published(type: CouncilType, year: FinancialYear) throws -> PublishedComparison? {
        try publishedAverages.value(for: GroupKey(type: type, year: year), revision: try revision()) {
            let stored = try store.publishedAverages.averages(year: year, type: type)
            return stored.isEmpty ? nil : PublishedComparison(councilType: type, year: year, from: stored)
        }
    }

    /// The request's revision, or the store's when the request has none.
    private func revision() throws -> Int64 {
        try RequestRevision.current ?? store.revision()
    }

    func history(council: Council) throws -> [CouncilFigures] {
        let tallies = try store.statistics.history(council: council.id)
        let populations = try store.populations.populations(council: council.id)
        return CouncilHistory.figures(tallies: tallies, populations: populations)
    }
}
