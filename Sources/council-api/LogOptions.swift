import ArgumentParser
import HTTPServer

/// `--log-format` and `--log-level`, shared by every command: whatever the command, what it
/// writes is a record in the chosen format.
struct LogOptions: ParsableArguments {
    @Option(name: .customLong("log-format"), help: "logfmt or json (env LOG_FORMAT; default logfmt).")
    var logFormat: String?

    @Option(
        name: .customLong("log-level"),
        help: "debug, info, warn or error: the least serious records written (env LOG_LEVEL; default info).")
    var logLevel: String?

    /// Reads the flags (else the environment) and makes them the process's.
    func install() throws {
        let formatName = EnvironmentOption.string(flag: logFormat, env: "LOG_FORMAT", default: "logfmt")
        guard let format = LogFormat(rawValue: formatName.lowercased()) else {
            throw ValidationError("--log-format (LOG_FORMAT) must be logfmt or json, got \(formatName)")
        }
        let levelName = EnvironmentOption.string(flag: logLevel, env: "LOG_LEVEL", default: "info")
        guard let level = LogLevel(name: levelName) else {
            throw ValidationError("--log-level (LOG_LEVEL) must be debug, info, warn or error, got \(levelName)")
        }
        ProcessLog.configure(format: format, level: level)
    }
}
