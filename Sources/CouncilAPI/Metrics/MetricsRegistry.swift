import Foundation
import Synchronization

/// In-process counters and a latency histogram, rendered in the Prometheus text format
/// (version 0.0.4) at `/metrics`.
///
/// Labelled by route template, never by raw path, so the number of series stays bounded whatever
/// URLs clients send. Gauges that belong to other layers (open connections, pool waits) are read
/// through closures when scraped, so those layers need not know about metrics.
final class MetricsRegistry: Sendable {
    /// Upper bounds in seconds; chosen around the latency targets (5 ms and 20 ms p99).
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    struct RequestKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    struct Histogram {
        var counts = [Int](repeating: 0, count: MetricsRegistry.buckets.count)
        var sum = 0.0
        var total = 0

        mutating func record(_ seconds: Double) {
            if let index = MetricsRegistry.buckets.firstIndex(where: { seconds <= $0 }) { counts[index] += 1 }
            sum += seconds
            total += 1
        }

        mutating func add(_ other: Histogram) {
            for index in counts.indices { counts[index] += other.counts[index] }
            sum += other.sum
            total += other.total
        }
    }

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var latency: [String: Histogram] = [:]
    }

    /// One lock per shard, a shard per worker thread (by its id): every request records here,
    /// and one lock for all of them made the worker threads queue on it (its slow path was 6% of
    /// the server's time at 64 connections). A scrape adds the shards up.
    private final class Shard: Sendable {
        let state = Mutex(State())
    }

    private static let shardCount = 16
    private let shards = (0..<MetricsRegistry.shardCount).map { _ in Shard() }
    private let gauges: [Gauge]

    /// A value read at scrape time; nil gives no sample (a figure that cannot be read now).
    struct Gauge: Sendable {
        let name: String
        let help: String
        let type: String
        /// Rendered labels, such as `{version="1.0.0"}`, or empty.
        var labels = ""
        let read: @Sendable () -> Double?
    }

    init(gauges: [Gauge]) {
        self.gauges = gauges
    }

    func record(method: String, route: String, status: Int, seconds: Double) {
        currentShard.state.withLock { state in
            state.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            state.latency[route, default: Histogram()].record(seconds)
        }
    }

    /// The calling thread's shard: its id, mixed so that neighbouring ids spread.
    private var currentShard: Shard {
        let id = UInt64(pthread_self())
        let mixed = (id &* 0x9E37_79B9_7F4A_7C15) >> 58
        return shards[Int(mixed) % shards.count]
    }

    /// Every shard added up.
    private func totals() -> State {
        var total = State()
        for shard in shards {
            let part = shard.state.withLock { $0 }
            total.requests.merge(part.requests, uniquingKeysWith: +)
            for (route, histogram) in part.latency {
                total.latency[route, default: Histogram()].add(histogram)
            }
        }
        return total
    }

    func render() -> String {
        let state = totals()
        let (requests, latency) = (state.requests, state.latency)
        var out = ""
        out += "# HELP council_api_http_requests_total Requests answered, by method, route template and status.\n"
        out += "# TYPE council_api_http_requests_total counter\n"
        for (key, count) in requests.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            out +=
                "council_api_http_requests_total{method=\"\(key.method)\",route=\"\(escape(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }
        out +=
            "# HELP council_api_http_request_duration_seconds Time from a complete request to its response, by route template.\n"
        out += "# TYPE council_api_http_request_duration_seconds histogram\n"
        for (route, histogram) in latency.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += histogram.counts[index]
                out +=
                    "council_api_http_request_duration_seconds_bucket{route=\"\(escape(route))\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out +=
                "council_api_http_request_duration_seconds_bucket{route=\"\(escape(route))\",le=\"+Inf\"} \(histogram.total)\n"
            out += "council_api_http_request_duration_seconds_sum{route=\"\(escape(route))\"} \(histogram.sum)\n"
            out += "council_api_http_request_duration_seconds_count{route=\"\(escape(route))\"} \(histogram.total)\n"
        }
        for gauge in gauges {
            out += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) \(gauge.type)\n"
            guard let value = gauge.read() else { continue }
            out +=
                "\(gauge.name)\(gauge.labels) \(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))\n"
        }
        return out
    }

    private func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
