import Foundation
import HTTPServer
import Repositories

/// What `serve` does to the store before it marks itself ready: migrate (and load the demo
/// data with `--demo`), waiting for a database server that cannot be reached yet.
///
/// An unreachable PostgreSQL is not a reason to stop: in a cluster the database may start after
/// the instances, or restart under them. The attempt is repeated every second, with one log line
/// when the wait begins and one when it ends. Any other failure (a changed migration, a broken
/// script) stops the start, since waiting cannot cure it.
struct StorePreparation: Sendable {
    let store: DataStore
    let location: StoreLocation
    let migrations: String
    let loadsDemo: Bool
    let log: ServerLogger

    /// Returns true when the store is ready, false when the start failed or was given up
    /// because the server is stopping.
    func run(isStopping: () -> Bool) -> Bool {
        var waiting = false
        while !isStopping() {
            do {
                for fileName in try store.migrate(migrationsDirectory: migrations) {
                    log.info("applied migration \(fileName)", ["migration": fileName])
                }
                if loadsDemo {
                    _ = try store.demo.load()
                    log.info("demo data loaded into \(location)")
                }
                if waiting { log.info("database \(location) answers; ready") }
                return true
            } catch  where DataStore.isUnavailable(error) {
                if !waiting {
                    log.warn(
                        "database \(location) cannot be reached (\(error)); /readyz answers 503 until it can; retrying every second"
                    )
                    waiting = true
                }
                Thread.sleep(forTimeInterval: 1)
            } catch {
                log.error("start failed: \(error)")
                return false
            }
        }
        return false
    }
}
