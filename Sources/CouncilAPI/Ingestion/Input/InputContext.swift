import Domain
import Repositories

/// What validating a record needs beyond the record itself: today's date (nothing may be decided
/// in the future) and which councils exist.
struct InputContext: Sendable {
    var today: CalendarDate
    var councils: any CouncilDirectory

    init(today: CalendarDate, councils: any CouncilDirectory) {
        self.today = today
        self.councils = councils
    }
}

/// Resolves the council a record names, by id slug or GSS code, to its id.
///
/// A protocol because the two callers want different costs: one record asks the store once,
/// while a bulk upload of 100,000 decisions about a few hundred councils should load them all
/// once (`CouncilSnapshot`) rather than query per line.
protocol CouncilDirectory: Sendable {
    /// The id of the council whose id or GSS code is `key`, or nil when there is none. Throws only
    /// when the store fails.
    func councilID(for key: String) throws -> String?
}

/// Asks the store for each look-up.
struct StoreCouncilDirectory: CouncilDirectory {
    let store: DataStore

    func councilID(for key: String) throws -> String? {
        try store.councils.council(key)?.id
    }
}

/// Every council's id and GSS code held in memory.
struct CouncilSnapshot: CouncilDirectory {
    private let ids: [String: String]

    init(_ councils: [Council]) {
        var ids: [String: String] = [:]
        for council in councils {
            ids[council.id] = council.id
            ids[council.gssCode.uppercased()] = council.id
        }
        self.ids = ids
    }

    /// The store's councils now.
    static func load(from store: DataStore) throws -> CouncilSnapshot {
        CouncilSnapshot(try store.councils.all())
    }

    func councilID(for key: String) throws -> String? {
        ids[key] ?? ids[key.uppercased()]
    }
}
