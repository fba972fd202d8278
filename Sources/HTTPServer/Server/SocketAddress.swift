import Glibc

/// A resolved IPv4 or IPv6 socket address, kept as raw storage so it can be passed to the kernel.
struct SocketAddress {
    var storage = sockaddr_storage()
    var length: socklen_t = 0

    var family: Int32 { Int32(storage.ss_family) }

    /// Resolves a numeric address (or a name) and a port for binding.
    static func resolve(host: String, port: Int) throws(ServerStartError) -> SocketAddress {
        guard (0...65535).contains(port) else {
            throw ServerStartError("resolve \(host):\(port)", message: "port out of range")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let message = String(cString: gai_strerror(status))
            throw ServerStartError("resolve \(host):\(port)", message: message)
        }
        defer { freeaddrinfo(list) }
        var address = SocketAddress()
        guard let source = first.pointee.ai_addr, Int(first.pointee.ai_addrlen) <= MemoryLayout<sockaddr_storage>.size
        else {
            throw ServerStartError("resolve \(host):\(port)", message: "no usable address")
        }
        withUnsafeMutableBytes(of: &address.storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: source, count: Int(first.pointee.ai_addrlen)))
        }
        address.length = first.pointee.ai_addrlen
        return address
    }

    /// The address a socket is bound to, as the kernel reports it.
    static func local(of fd: Int32) -> SocketAddress? {
        var address = SocketAddress()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = address.withMutableSockaddr { getsockname(fd, $0, &length) }
        address.length = length
        return result == 0 ? address : nil
    }

    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>) -> Result) -> Result {
        withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1, body)
        }
    }

    mutating func withMutableSockaddr<Result>(_ body: (UnsafeMutablePointer<sockaddr>) -> Result) -> Result {
        withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1, body)
        }
    }

    var port: Int {
        withUnsafeBytes(of: storage) { raw in
            switch family {
            case AF_INET: Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
            case AF_INET6: Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            default: 0
            }
        }
    }

    /// `127.0.0.1:53122` or `[::1]:53122`, for logs and `HTTPRequest.remoteAddress`.
    var description: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let host: String = withUnsafeBytes(of: storage) { raw in
            var converted: UnsafePointer<CChar>?
            switch family {
            case AF_INET:
                var address = raw.load(as: sockaddr_in.self).sin_addr
                converted = inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            case AF_INET6:
                var address = raw.load(as: sockaddr_in6.self).sin6_addr
                converted = inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
            default:
                return "unknown"
            }
            guard converted != nil else { return "unknown" }
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
