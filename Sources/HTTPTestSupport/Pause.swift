import Dispatch

/// Blocks the calling thread for about `milliseconds`: for tests and test routes that must let
/// the server's own threads make progress (a handler that takes its time, a client that dribbles).
public func pause(milliseconds: Int) {
    let never = DispatchSemaphore(value: 0)
    _ = never.wait(timeout: .now() + .milliseconds(milliseconds))
}
