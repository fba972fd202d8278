import ArgumentParser

/// The `council-api` executable: serve the API, apply migrations, import a council register,
/// check a running server's health.
@main
struct CouncilAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "council-api",
        abstract: "An HTTP JSON API for the Local Government and Social Care Ombudsman's council complaint statistics.",
        subcommands: [ServeCommand.self, MigrateCommand.self, ImportCommand.self, HealthcheckCommand.self],
        defaultSubcommand: nil
    )
}
