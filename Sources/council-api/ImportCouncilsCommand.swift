import ArgumentParser
import CouncilAPI
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

    func run() throws {
        let register: CouncilRegister.Result
        do {
            register = try CouncilRegister.parse(contentsOfFile: file)
        } catch {
            throw ValidationError("\(file): \(error)")
        }
        for issue in register.rejected { log("\(file): skipped \(issue)") }
        for issue in register.warnings { log("\(file): \(issue)") }

        let dataStore = try store.openMigrated().store
        let outcomes = try dataStore.councils.upsert(
            councils: register.councils, populations: register.populations)
        let councils = UpsertSummary(outcomes.councils)
        let populations = UpsertSummary(outcomes.populations)
        print(
            "councils: \(register.councils.count) imported (\(councils.created) created, \(councils.updated) updated, "
                + "\(councils.unchanged) unchanged), \(register.rejected.count) rows skipped, "
                + "\(register.ignoredRows) rows not English councils")
        print(
            "populations: \(populations.created) created, \(populations.updated) updated, \(populations.unchanged) unchanged")
    }
}
