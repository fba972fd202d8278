import ArgumentParser
import CouncilAPI
import Foundation
import HTTPServer
import Repositories
import Synchronization

/// `council-api serve`: run the HTTP API until SIGTERM or SIGINT.
///
/// The listener opens before migrations run, so `/healthz` answers at once and `/readyz` tells an
/// orchestrator when the store is ready; API calls get 503 until then.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API.",
        discussion:
            "Every option can also be set by the environment variable named in its help; a flag wins over the environment."
    )

    @Option(help: "Address to listen on (env HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on, 0 for any free port (env PORT; default 8080).")
    var port: Int?

    @Option(
        name: .customLong("header-timeout"),
        help: "Seconds for a request's whole header section (env HEADER_TIMEOUT; default 10).")
    var headerTimeout: Double?

    @Option(
        name: .customLong("body-timeout"),
        help:
            "Seconds a request body may stall (no bytes at all) before a 408; a body that keeps arriving is never cut off (env BODY_TIMEOUT; default 30)."
    )
    var bodyTimeout: Double?

    @Option(
        name: .customLong("drain-timeout"),
        help:
            "Seconds a graceful shutdown waits for requests in flight before closing their connections (env DRAIN_TIMEOUT; default 10)."
    )
    var drainTimeout: Double?

    @Option(
        name: .customLong("idle-timeout"),
        help: "Seconds an idle keep-alive connection stays open (env IDLE_TIMEOUT; default 60).")
    var idleTimeout: Double?

    @Option(
        name: .customLong("max-connections"),
        help: "Open connections; past this new ones get 503 (env MAX_CONNECTIONS; default 4096).")
    var maxConnections: Int?

    @Option(
        name: .customLong("max-body-bytes"),
        help: "Largest request body in bytes (env MAX_BODY_BYTES; default 1048576).")
    var maxBodyBytes: Int?

    @Option(
        name: .customLong("max-bulk-bytes"),
        help: "Largest bulk upload body in bytes (env MAX_BULK_BYTES; default 67108864).")
    var maxBulkBytes: Int?

    @Option(
        name: .customLong("max-spool-bytes"),
        help:
            "Most bytes of request bodies spooled to the temporary folder at once, over all connections; past it 503 (env MAX_SPOOL_BYTES; default 536870912)."
    )
    var maxSpoolBytes: Int?

    @Option(
        name: .customLong("cors-origin"),
        help: "Origin allowed to call from a browser; repeatable; * for any (env CORS_ORIGINS, comma separated).")
    var corsOrigins: [String] = []

    @Option(
        name: .customLong("api-token-file"),
        help: "File of bearer tokens allowed to write, one per line (env API_TOKENS: comma-separated tokens).")
    var apiTokenFile: String?

    @Option(
        name: .customLong("small-number-threshold"),
        help:
            "Rates resting on fewer cases than this are flagged small_numbers and left out of averages (env SMALL_NUMBER_THRESHOLD; default 10)."
    )
    var smallNumberThreshold: Int?

    @Option(
        help:
            "Folder of the dashboard served at / (env DASHBOARD_PATH; default: Dashboard/ found beside the binary or in the working directory)."
    )
    var dashboard: String?

    @Flag(help: "Serve the built-in demo data from a fresh temporary database (ignores --database).")
    var demo = false

    @Flag(
        name: .customLong("require-if-match"),
        help: "Refuse a PUT or DELETE without If-Match with 428 (env REQUIRE_IF_MATCH=1).")
    var requireIfMatch = false

    @OptionGroup var store: StoreOptions

    @OptionGroup var logging: LogOptions

    func run() throws {
        try logging.install()
        let log = ProcessLog.current
        var server = ServerConfiguration()
        server.host = EnvironmentOption.string(flag: host, env: "HOST", default: "127.0.0.1")
        server.port = try EnvironmentOption.int(flag: port, env: "PORT", default: 8080, range: 0...65535)
        server.headerTimeout = .seconds(
            try EnvironmentOption.seconds(flag: headerTimeout, env: "HEADER_TIMEOUT", default: 10))
        server.idleTimeout = .seconds(
            try EnvironmentOption.seconds(flag: idleTimeout, env: "IDLE_TIMEOUT", default: 60))
        server.drainTimeout = .seconds(
            try EnvironmentOption.seconds(flag: drainTimeout, env: "DRAIN_TIMEOUT", default: 10))
        server.bodyTimeout = .seconds(
            try EnvironmentOption.seconds(flag: bodyTimeout, env: "BODY_TIMEOUT", default: 30))
        server.maxConnections = try EnvironmentOption.int(
            flag: maxConnections, env: "MAX_CONNECTIONS", default: 4096, range: 1...1_000_000)
        server.maxBodyBytes = try EnvironmentOption.int(
            flag: maxBodyBytes, env: "MAX_BODY_BYTES", default: 1 << 20, range: 1...(1 << 30))
        server.maxSpoolBytes = try EnvironmentOption.int(
            flag: maxSpoolBytes, env: "MAX_SPOOL_BYTES", default: 512 << 20, range: 0...(1 << 40))
        server.serverName = "council-api"

        var api = APIConfiguration()
        api.corsOrigins = EnvironmentOption.list(flags: corsOrigins, env: "CORS_ORIGINS")
        api.apiTokens = try loadTokens()
        api.maxBulkBytes = try EnvironmentOption.int(
            flag: maxBulkBytes, env: "MAX_BULK_BYTES", default: 64 << 20, range: 1...(1 << 34))
        api.dashboard = try loadDashboard(log)
        api.requireIfMatch = try EnvironmentOption.switch(flag: requireIfMatch, env: "REQUIRE_IF_MATCH")
        api.smallNumberThreshold = try EnvironmentOption.int(
            flag: smallNumberThreshold, env: "SMALL_NUMBER_THRESHOLD", default: 10, range: 0...1_000_000)

        let migrations = try store.migrationsDirectory()
        let demoPath = demo ? try Self.temporaryDatabasePath() : nil
        let location = try demoPath.map { StoreLocation.sqliteFile(path: $0) } ?? store.location()
        let dataStore = try DataStore.open(location, poolSize: try store.poolSize())
        let readiness = Readiness()
        let stats = StatsBox()
        let application = CouncilAPIApplication(
            store: dataStore, configuration: api, readiness: readiness, serverStats: { stats.read() })
        let httpServer = HTTPServer(configuration: server, responder: application.router, logger: log)
        stats.attach(httpServer)

        let boundPort: Int
        do {
            boundPort = try httpServer.start()
        } catch {
            throw ValidationError("cannot listen on \(server.host):\(server.port): \(error)")
        }
        let shownHost = server.host.contains(":") ? "[\(server.host)]" : server.host
        ProcessLog.announceListening(url: "http://\(shownHost):\(boundPort)")
        httpServer.whenShutdownBegins { readiness.markStopping() }
        httpServer.shutdownOnSignals()
        log.info("database", ["engine": location.engineName, "database": "\(location)"])
        if api.apiTokens.isEmpty {
            log.warn("writes are disabled (403): no API token configured; set --api-token-file or API_TOKENS")
        }

        // Migrate while already listening: /healthz answers at once, /readyz and the API answer
        // 503 until this is done, however long the database takes to come up.
        let startFailed = Atomic<Bool>(false)
        let preparation = StorePreparation(
            store: dataStore, location: location, migrations: migrations, loadsDemo: demo, log: log)
        Thread.detachNewThread {
            if preparation.run(isStopping: { httpServer.isStopping }) {
                readiness.markReady()
            } else {
                startFailed.store(true, ordering: .releasing)
                httpServer.shutdown()
            }
        }
        httpServer.waitUntilStopped()
        if let demoPath {
            // The demo database is throwaway: leave nothing behind in the temporary folder.
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: demoPath).deletingLastPathComponent().path)
        }
        if startFailed.load(ordering: .acquiring) { throw ExitCode(70) }
        log.info("stopped")
    }

    private func loadDashboard(_ log: ServerLogger) throws -> DashboardFiles {
        guard let folder = DashboardFiles.locate(explicit: dashboard) else {
            log.warn(
                "dashboard: no Dashboard/ folder found beside the binary or in the working directory; / answers 404")
            return .none
        }
        do {
            let files = try DashboardFiles.load(from: folder)
            log.info("dashboard: \(files.files.count) files from \(folder), served at /")
            return files
        } catch {
            throw ValidationError("--dashboard \(folder) cannot be read: \(error)")
        }
    }

    private func loadTokens() throws -> [String] {
        if let path = apiTokenFile {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("--api-token-file \(path) cannot be read")
            }
            return text.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        return EnvironmentOption.list(flags: [], env: "API_TOKENS")
    }

    /// A fresh database file in a new temporary folder, so every `--demo` run starts clean.
    private static func temporaryDatabasePath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "council-api-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("demo.sqlite").path
    }
}
