import ArgumentParser
import RegisterImport
import Repositories

/// `council-api import councils FILE.csv`: load the current English councils from mySociety's
/// register of UK local authorities, with their 2020 populations.
///
/// Bad rows are reported with their line number and skipped rather than failing the whole file
/// (the register is known to be imperfect); what is kept is written in one transaction and
/// upserted by GSS code, so running it again changes nothing.
struct ImportCouncilsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "councils",
        abstract: "Import councils from a register CSV (the format of mySociety's uk_local_authorities_current.csv).")

    @Argument(help: "The register CSV file.")
    var file: String

    @OptionGroup var store: StoreOptions

    @OptionGroup var logging: LogOptions

    func run() throws {
        try logging.install()
        let log = ProcessLog.current
        let register: CouncilRegister.Result
        do {
            register = try CouncilRegister.parse(contentsOfFile: file)
        } catch {
            throw ValidationError("\(file): \(error)")
        }
        for issue in register.rejected { log.warn("\(file): skipped \(issue)", ["line": String(issue.line)]) }
        for issue in register.warnings { log.info("\(file): \(issue)", ["line": String(issue.line)]) }

        let dataStore = try store.openMigrated().store
        let outcomes = try dataStore.councils.upsert(
            councils: register.councils, populations: register.populations)
        let councils = UpsertSummary(outcomes.councils)
        let populations = UpsertSummary(outcomes.populations)
        log.info(
            "councils: \(register.councils.count) imported (\(councils.created) created, \(councils.updated) updated, "
                + "\(councils.unchanged) unchanged), \(register.rejected.count) rows skipped, "
                + "\(register.ignoredRows) rows not English councils")
        log.info(
            "populations: \(populations.created) created, \(populations.updated) updated, \(populations.unchanged) unchanged"
        )
    }
}
