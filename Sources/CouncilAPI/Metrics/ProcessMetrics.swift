import Foundation
import Glibc

/// The standard Prometheus process metrics, read from `/proc/self` at scrape time (Linux only, as
/// the whole server is): memory, CPU time, descriptors and the start time.
///
/// Read on demand rather than sampled, so a scrape always sees the figures of that moment and an
/// idle process does no work for them. A file that cannot be read gives no sample rather than a
/// wrong one.
enum ProcessMetrics {
    /// The fields of `/proc/self/stat` after the command name (which may hold spaces): index 0 is
    /// field 3 (`state`) of proc(5).
    private static func statFields() -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    private static var ticksPerSecond: Double { Double(sysconf(Int32(_SC_CLK_TCK))) }

    /// `utime + stime` (fields 14 and 15) in seconds.
    static func cpuSeconds() -> Double? {
        guard let fields = statFields(), fields.count > 12, let user = Double(fields[11]),
            let system = Double(fields[12])
        else { return nil }
        return (user + system) / ticksPerSecond
    }

    /// `rss` (field 24) in bytes.
    static func residentMemoryBytes() -> Double? {
        guard let fields = statFields(), fields.count > 21, let pages = Double(fields[21]) else { return nil }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// `starttime` (field 22, ticks after boot) plus the boot time (`btime` in `/proc/stat`), in
    /// seconds since the epoch.
    static func startTimeSeconds() -> Double? {
        guard let fields = statFields(), fields.count > 19, let ticks = Double(fields[19]),
            let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = stat.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
            let boot = Double(line.dropFirst("btime ".count))
        else { return nil }
        return boot + ticks / ticksPerSecond
    }

    static func openDescriptors() -> Double? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return nil }
        return Double(entries.count)
    }

    static func maximumDescriptors() -> Double? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        return Double(limit.rlim_cur)
    }

    /// The gauges, named as Prometheus' client libraries name them.
    static var gauges: [MetricsRegistry.Gauge] {
        [
            .init(
                name: "process_resident_memory_bytes", help: "Resident memory size in bytes.", type: "gauge",
                read: { residentMemoryBytes() }),
            .init(
                name: "process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds.",
                type: "counter", read: { cpuSeconds() }),
            .init(
                name: "process_open_fds", help: "Number of open file descriptors.", type: "gauge",
                read: { openDescriptors() }),
            .init(
                name: "process_max_fds", help: "Maximum number of open file descriptors.", type: "gauge",
                read: { maximumDescriptors() }),
            .init(
                name: "process_start_time_seconds", help: "Start time of the process since unix epoch in seconds.",
                type: "gauge", read: { startTimeSeconds() }),
        ]
    }
}
