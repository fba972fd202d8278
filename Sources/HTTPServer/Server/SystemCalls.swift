import Glibc

/// Linux calls the Glibc module does not import (they are declared only under `_GNU_SOURCE`).
///
/// Looked up once with `dlsym` and called through a C function pointer, which keeps the C calling
/// convention without a C shim target. If the lookup ever failed, the portable sequence of calls
/// is used instead.
enum SystemCalls {
    private typealias Accept4 =
        @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    private struct Accept4Function: @unchecked Sendable {
        let call: Accept4
    }

    private static let accept4: Accept4Function? = dlsym(nil, "accept4").map {
        Accept4Function(call: unsafeBitCast($0, to: Accept4.self))
    }

    /// Accepts a connection whose socket is already non-blocking and close-on-exec.
    static func acceptNonBlocking(
        _ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>
    ) -> Int32 {
        if let accept4 {
            return accept4.call(fd, address, length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
        }
        let client = accept(fd, address, length)
        if client >= 0 {
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        }
        return client
    }

    /// Writes all of `bytes` to a blocking descriptor (a file, standard error), retrying after a
    /// signal and after a short write. Returns nil when all was written, else the `errno` of the
    /// failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return written < 0 ? errno : EIO
                }
            }
            return nil
        }
    }
}
