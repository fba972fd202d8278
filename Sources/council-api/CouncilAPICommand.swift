import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// The `council-api` executable: serve the API, apply migrations, import a council register,
/// check a running server's health.
///
/// `main` is ArgumentParser's, except that a failure is written as a log record (`level=error`)
/// like everything else the process writes; help text stays plain, since it is for a person.
@main
struct CouncilAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "council-api",
        abstract: "An HTTP JSON API for the Local Government and Social Care Ombudsman's council complaint statistics.",
        subcommands: [ServeCommand.self, MigrateCommand.self, ImportCommand.self, HealthcheckCommand.self],
        defaultSubcommand: nil
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            stop(with: error)
        }
    }

    private static func stop(with error: any Error) -> Never {
        if error is CleanExit { exit(withError: error) }
        let code = exitCode(for: error)
        // An ExitCode was thrown by a command that has already logged why.
        if !(error is ExitCode) {
            if code == .validationFailure {
                ProcessLog.current.error(message(for: error), ["help": "council-api help"])
            } else {
                ProcessLog.current.error(message(for: error))
            }
        }
        Glibc.exit(code.rawValue)
    }
}
