import Domain
import HTTPServer
import JSON
import Repositories

/// The whole API as one responder: routes, middleware, metrics and the OpenAPI document, built
/// from a store and a configuration. The executable serves it; tests serve it on port 0.
///
/// Middleware order, outermost first: metrics (sees every final status), CORS (headers on every
/// answer, problems included), readiness, authentication (writes only, before any body is read),
/// the `If-Match` requirement (428, also before the body), error mapping (outside ETag, whose revision query may find the database unavailable), ETag
/// (may answer 304 before any work).
public struct CouncilAPIApplication: Sendable {
    public let router: Router
    public let readiness: Readiness

    /// - Parameters:
    ///   - serverStats: read at scrape time for the open-connections gauge.
    public init(
        store: DataStore, configuration: APIConfiguration, readiness: Readiness = Readiness(ready: true),
        serverStats: @escaping @Sendable () -> ServerStats? = { nil }
    ) {
        let context = RouteContext(store: store, configuration: configuration)
        let databaseGauges: [MetricsRegistry.Gauge] = [
            .init(
                name: "council_api_open_connections", help: "Connections open now.", type: "gauge",
                read: { Double(serverStats()?.openConnections ?? 0) }),
            .init(
                name: "council_api_db_pool_waits_total", help: "Reads that waited for a free reader connection.",
                type: "counter", read: { Double(store.stats.readWaits) }),
            .init(
                name: "council_api_db_pool_wait_seconds_total",
                help: "Time reads spent waiting for a reader connection.",
                type: "counter", read: { store.stats.totalReadWait.seconds }),
            .init(
                name: "council_api_db_writer_wait_seconds_total",
                help:
                    "Time writes spent waiting for the single writer (SQLite's writer queue, PostgreSQL's writer lock).",
                type: "counter", read: { store.stats.totalWriterWait.seconds }),
            .init(
                name: "council_api_db_transaction_retries_total",
                help: "Transactions run again after a serialization failure, deadlock or lost connection.",
                type: "counter", read: { Double(store.stats.retries) }),
            .init(
                name: "council_api_store_revision", help: "The store revision, bumped by every write.", type: "gauge",
                read: { Double((try? store.revision()) ?? -1) }),
        ]
        let metrics = MetricsRegistry(
            gauges: BuildInfo.gauges + ProcessMetrics.gauges + context.counters.gauges + databaseGauges)

        var router = Router()
        router.use(MetricsMiddleware(registry: metrics, counters: context.counters))
        router.use(CORSMiddleware(allowedOrigins: configuration.corsOrigins))
        router.use(ReadinessMiddleware(readiness: readiness))
        router.use(AuthenticationMiddleware(tokens: configuration.apiTokens))
        router.use(IfMatchRequirementMiddleware(isRequired: configuration.requireIfMatch))
        router.use(ErrorMappingMiddleware())
        router.use(ETagMiddleware(revision: { try store.revision() }))

        MetaRoutes(
            readiness: readiness, store: store, metrics: metrics,
            openAPI: OpenAPIDocument.build(serverURL: nil).serialized()
        ).register(in: &router)
        CouncilRoutes(context: context).register(in: &router)
        StatisticsRoutes(context: context).register(in: &router)
        ComplaintRoutes(context: context).register(in: &router)
        ReportRoutes(context: context).register(in: &router)
        ServiceImprovementRoutes(context: context).register(in: &router)
        AnnualLetterRoutes(context: context).register(in: &router)
        // One runner for every write route: its in-flight idempotency keys must be shared by all.
        let writes = WriteRunner(store: store)
        IngestionRoutes(context: context, writes: writes).register(in: &router)
        BulkRoutes(context: context, writes: writes).register(in: &router)
        ProblemRoutes().register(in: &router)
        DashboardRoutes(files: configuration.dashboard).register(in: &router)

        self.router = router
        self.readiness = readiness
    }
}

extension Duration {
    /// Whole and fractional seconds, for metrics.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
