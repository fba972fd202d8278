import Glibc

/// A blocking TCP client that speaks bytes, for driving the server exactly as a peer would,
/// including the malformed and the slow. Every read is bounded by a receive timeout.
public final class RawClient {
    public let fd: Int32
    private var buffer: [UInt8] = []
    private var sawEnd = false

    public init(port: Int, receiveTimeout seconds: Int = 5) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawClientError(description: "socket failed", code: errno) }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw RawClientError(description: "connect failed: \(String(cString: strerror(code)))", code: code)
        }
        self.fd = fd
    }

    deinit {
        Glibc.close(fd)
    }

    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw RawClientError(description: "send failed: \(String(cString: strerror(errno)))", code: errno)
            }
            offset += count
        }
    }

    /// Half-closes: the server sees the end of input but can still answer.
    public func finishSending() {
        shutdown(fd, Int32(SHUT_WR))
    }

    /// Reads more bytes into the buffer; false at the end of input. Throws on timeout or error.
    @discardableResult
    private func fill() throws -> Bool {
        guard !sawEnd else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count == 0 {
                sawEnd = true
                return false
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK {
                throw RawClientError(description: "timed out waiting for the server", code: errno)
            }
            if errno == ECONNRESET {
                sawEnd = true
                throw RawClientError(description: "connection reset", code: errno)
            }
            throw RawClientError(description: "recv failed: \(String(cString: strerror(errno)))", code: errno)
        }
    }

    private func readLine() throws -> String {
        while true {
            if let index = buffer.firstIndex(of: 10), index > 0, buffer[index - 1] == 13 {
                let line = String(decoding: buffer[0..<(index - 1)], as: UTF8.self)
                buffer.removeFirst(index + 1)
                return line
            }
            guard try fill() else { throw RawClientError(description: "connection closed mid-line") }
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw RawClientError(description: "connection closed mid-body") }
        }
        let bytes = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads one response. `head` is true when it answers a HEAD request (so it has no body).
    public func readResponse(head: Bool = false) throws -> RawResponse {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw RawClientError(description: "bad status line: \(statusLine)")
        }
        var response = RawResponse(
            status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: [], body: [])
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { throw RawClientError(description: "bad header: \(line)") }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            response.headers.append((String(line[..<colon]), String(value)))
        }
        if head || (100..<200).contains(status) || status == 204 || status == 304 {
            return response
        }
        if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            var sizes: [Int] = []
            while true {
                let sizeLine = try readLine()
                guard let size = Int(sizeLine, radix: 16) else {
                    throw RawClientError(description: "bad chunk size: \(sizeLine)")
                }
                if size == 0 {
                    _ = try readLine()
                    break
                }
                sizes.append(size)
                response.body += try readExactly(size)
                guard try readLine().isEmpty else { throw RawClientError(description: "chunk not followed by CRLF") }
            }
            response.chunkSizes = sizes
        } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            response.body = try readExactly(length)
        } else {
            while try fill() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// Reads until the server closes; throws if it does not within the receive timeout.
    public func readUntilClosed() throws -> [UInt8] {
        do {
            while try fill() {}
        } catch let error as RawClientError where error.code == ECONNRESET {
            // A reset also means closed.
        }
        let rest = buffer
        buffer = []
        return rest
    }

    /// Whether the server has closed the connection (nothing more arrives and the input ended).
    public func isClosedByServer() -> Bool {
        (try? readUntilClosed()) != nil
    }
}
