import Dispatch

/// A point on the monotonic clock, in nanoseconds since an arbitrary start.
///
/// The connection machine never reads a clock: every event that depends on time carries the
/// instant it happened, so tests can walk a connection through its deadlines with made-up
/// instants instead of sleeping, and the I/O code reads the clock once per event.
struct MonotonicInstant: Comparable, Sendable {
    var nanoseconds: UInt64

    static func now() -> MonotonicInstant {
        MonotonicInstant(nanoseconds: DispatchTime.now().uptimeNanoseconds)
    }

    /// This instant plus `duration` (negative durations count as zero; saturates rather than
    /// overflowing for absurd timeouts).
    func advanced(by duration: Duration) -> MonotonicInstant {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || attoseconds > 0 else { return self }
        let whole = UInt64(clamping: seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let nanos = whole.overflow ? UInt64.max : whole.partialValue &+ UInt64(clamping: attoseconds / 1_000_000_000)
        let sum = nanoseconds.addingReportingOverflow(nanos)
        return MonotonicInstant(nanoseconds: sum.overflow ? UInt64.max : sum.partialValue)
    }

    static func + (instant: MonotonicInstant, duration: Duration) -> MonotonicInstant {
        instant.advanced(by: duration)
    }

    static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The same instant for a Dispatch timer.
    var dispatchTime: DispatchTime {
        // DispatchTime treats UInt64.max as "forever"; anything close to it is forever anyway.
        DispatchTime(uptimeNanoseconds: nanoseconds)
    }
}
