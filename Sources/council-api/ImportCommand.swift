import ArgumentParser

/// `council-api import …`: load reference data from files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import reference data into the database.",
        subcommands: [ImportCouncilsCommand.self, ImportPopulationsCommand.self])
}
