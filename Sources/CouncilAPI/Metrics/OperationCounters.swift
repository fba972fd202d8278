import Synchronization

/// Counts of work the API did that a request count cannot show: answers replayed from an
/// idempotency key (nothing written) and bulk upload lines read, good or bad.
final class OperationCounters: Sendable {
    private let replays = Atomic<Int>(0)
    private let bulkLines = Atomic<Int>(0)

    func countReplay() { replays.wrappingAdd(1, ordering: .relaxed) }
    func countBulkLines(_ count: Int) { bulkLines.wrappingAdd(count, ordering: .relaxed) }

    var gauges: [MetricsRegistry.Gauge] {
        [
            .init(
                name: "council_api_idempotency_replays_total",
                help:
                    "Write requests answered with the kept answer of an earlier request with the same Idempotency-Key.",
                type: "counter", read: { [self] in Double(replays.load(ordering: .relaxed)) }),
            .init(
                name: "council_api_bulk_lines_processed_total",
                help: "Lines of bulk uploads read and checked, stored or refused.",
                type: "counter", read: { [self] in Double(bulkLines.load(ordering: .relaxed)) }),
        ]
    }
}
