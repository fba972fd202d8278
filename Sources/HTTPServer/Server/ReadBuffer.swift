import Glibc

/// The memory sockets are read into, one per event loop rather than one per read or per
/// connection: a thousand idle keep-alive connections then hold no read buffers at all, and a
/// read allocates nothing.
///
/// Sharing is sound because a buffer is used only on its loop's thread (`EventLoop.readBuffer`),
/// which runs one handler at a time; the bytes are handed to the parser, which copies them,
/// before the read returns. `ServerExchangeTests.concurrentBodiesArriveIntact` would catch two
/// connections reading into it at once (each would receive another's bytes).
final class ReadBuffer: @unchecked Sendable {
    enum Outcome {
        /// Bytes were read; the socket may have more (it will be readable again).
        case received
        /// Nothing to read now.
        case wouldBlock
        /// The peer shut its write side (bytes before it, if any, were delivered).
        case endOfInput
        /// A socket error: the connection is gone.
        case failed
    }

    static let capacity = 16 * 1024
    /// Bytes read per wake-up before yielding, so one fast client cannot monopolise a loop.
    static let budget = 64 * 1024

    private let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: ReadBuffer.capacity, alignment: 16)

    deinit {
        storage.deallocate()
    }

    /// Reads what `fd` has (up to `budget`), handing each piece to `deliver` as it arrives. A
    /// read shorter than the buffer means the socket had nothing more at that moment, so no
    /// second call is made just to see `EAGAIN`.
    func receive(from fd: Int32, _ deliver: (UnsafeRawBufferPointer) -> Void) -> Outcome {
        var received = 0
        while received < Self.budget {
            let count = recv(fd, storage.baseAddress, storage.count, 0)
            if count > 0 {
                deliver(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
                received += count
                if count < storage.count { return .received }
            } else if count == 0 {
                return .endOfInput
            } else {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return received > 0 ? .received : .wouldBlock
                default: return .failed
                }
            }
        }
        return .received
    }
}
