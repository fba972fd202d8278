import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// `/metrics` shows the process, the build, the database, idempotency replays and bulk lines, each
/// as a well-formed sample (promtool checks the whole exposition in CI).
@Suite struct MetricsExpositionTests {
    /// The value of the sample whose name and labels are exactly `series`.
    static func sample(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
    }

    @Test(arguments: TestEngine.allCases) func processBuildAndDatabaseFiguresAreExposed(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = Bulk.line(1) + "\n" + Bulk.line(2) + "\n" + Bulk.line(3) + "\n"
        let key = [("Idempotency-Key", "metrics-\(UUID().uuidString)")]
        #expect(try Bulk.upload(api, body, headers: key).status == 200)
        let replay = try Bulk.upload(api, body, headers: key)
        #expect(replay.header("Idempotent-Replayed") == "true")

        let text = try api.get("/metrics").text
        #expect((Self.sample(text, "process_resident_memory_bytes") ?? 0) > 1_000_000)
        #expect(Self.sample(text, "process_cpu_seconds_total") != nil)
        #expect((Self.sample(text, "process_open_fds") ?? 0) >= 3)
        #expect((Self.sample(text, "process_max_fds") ?? 0) >= (Self.sample(text, "process_open_fds") ?? .infinity))
        let started = try #require(Self.sample(text, "process_start_time_seconds"))
        #expect(abs(started - Date().timeIntervalSince1970) < 24 * 3600, "started today, not at the epoch")
        #expect(text.contains("council_api_build_info{version=\"1.0.0\",swift_version=\"6."))
        #expect(Self.sample(text, "council_api_db_writer_wait_seconds_total") != nil)
        #expect(Self.sample(text, "council_api_db_pool_waits_total") != nil)
        #expect(Self.sample(text, "council_api_db_transaction_retries_total") != nil)
        #expect(Self.sample(text, "council_api_idempotency_replays_total") == 1)
        #expect(Self.sample(text, "council_api_bulk_lines_processed_total") == 3, "the replay read no line")
    }
}
