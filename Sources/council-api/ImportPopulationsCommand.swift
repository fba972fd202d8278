import ArgumentParser
import RegisterImport
import Repositories

/// `council-api import populations FILE.csv --year YYYY [--source NAME]`: load one year's ONS
/// mid-year population estimates for the councils already imported.
///
/// The per-100,000 figures of a year use the latest estimate not after it (`PopulationSelection`),
/// so the Ombudsman's figures need the estimates it used, not only the register's 2020 ones. Rows
/// are matched by GSS code; codes no council has (England, regions, Wales…) are listed, bad rows are
/// reported with their line and skipped, and the rest is upserted per council and year in one
/// transaction, so running it twice changes nothing.
struct ImportPopulationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "populations",
        abstract: "Import one year's ONS mid-year population estimates (columns Code, Name, Geography, All ages).")

    @Argument(help: "The estimates CSV file (title lines before the header are skipped).")
    var file: String

    @Option(help: "The year of the mid-year estimate (the year of its 30 June).")
    var year: Int

    @Option(help: "The source recorded with each population (default ons-mid-YYYY).")
    var source: String?

    @OptionGroup var store: StoreOptions

    @OptionGroup var logging: LogOptions

    func validate() throws {
        guard (1900...2200).contains(year) else { throw ValidationError("--year must be a year such as 2023") }
        if let source, source.isEmpty || source.count > 100 {
            throw ValidationError("--source must be 1 to 100 characters")
        }
    }

    func run() throws {
        try logging.install()
        let log = ProcessLog.current
        let estimates: PopulationEstimates.Result
        do {
            estimates = try PopulationEstimates.parse(contentsOfFile: file)
        } catch {
            throw ValidationError("\(file): \(error)")
        }
        for issue in estimates.rejected { log.warn("\(file): skipped \(issue)", ["line": String(issue.line)]) }

        let dataStore = try store.openMigrated().store
        let matched = PopulationEstimates.match(
            estimates.estimates, to: try dataStore.councils.all(), year: year,
            source: source ?? PopulationEstimates.defaultSource(year: year))
        for estimate in matched.unknown {
            log.warn(
                "\(file): line \(estimate.line): no council has code \(estimate.code) (\(estimate.name))",
                ["line": String(estimate.line)])
        }
        let summary = UpsertSummary(try dataStore.populations.upsert(matched.populations))
        log.info(
            "populations \(year): \(matched.populations.count) imported (\(summary.created) created, "
                + "\(summary.updated) updated, \(summary.unchanged) unchanged), \(matched.unknown.count) unknown codes, "
                + "\(estimates.rejected.count) rows skipped")
    }
}
