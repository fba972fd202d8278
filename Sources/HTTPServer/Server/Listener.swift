import Dispatch
import Glibc

/// The listening socket and the loop that accepts connections from it.
///
/// Accepting is driven by a read source and drains the kernel's queue until `EAGAIN`, so a burst
/// of connects costs one wake-up. When the process runs out of descriptors the source is paused
/// briefly instead of spinning on a readiness it cannot act on.
///
/// Mutable state is only touched on `queue`, which is why the class is `@unchecked Sendable`.
final class Listener: @unchecked Sendable {
    /// The real bound port (meaningful when 0 was asked for).
    let port: Int
    private let fd: Int32
    private let queue: DispatchQueue
    private let source: DispatchSourceRead
    private let logger: ServerLogger
    private var paused = false
    private var stopped = false
    private var loggedDescriptorExhaustion = false

    static let pauseAfterDescriptorExhaustion: DispatchTimeInterval = .milliseconds(100)

    /// Binds and listens; accepted sockets (non-blocking, close-on-exec, Nagle off) go to `onAccept`.
    init(
        configuration: ServerConfiguration, logger: ServerLogger,
        onAccept: @escaping @Sendable (Int32, String) -> Void
    ) throws(ServerStartError) {
        let address = try SocketAddress.resolve(host: configuration.host, port: configuration.port)
        let endpoint = "\(configuration.host):\(configuration.port)"
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ServerStartError("socket", code: errno) }
        var enable: Int32 = 1
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &enable, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            let code = errno
            close(fd)
            throw ServerStartError("setsockopt SO_REUSEADDR", code: code)
        }
        guard address.withSockaddr({ bind(fd, $0, address.length) }) == 0 else {
            let code = errno
            close(fd)
            throw ServerStartError("bind \(endpoint)", code: code)
        }
        guard listen(fd, Int32(clamping: max(1024, configuration.listenBacklog))) == 0 else {
            let code = errno
            close(fd)
            throw ServerStartError("listen \(endpoint)", code: code)
        }
        guard let local = SocketAddress.local(of: fd) else {
            let code = errno
            close(fd)
            throw ServerStartError("getsockname", code: code)
        }
        self.fd = fd
        self.port = local.port
        self.logger = logger
        self.queue = DispatchQueue(label: "HTTPServer.listener")
        self.source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.acceptAll(onAccept) }
        source.setCancelHandler { close(fd) }
    }

    /// Starts accepting. Separate from `init` so the server can record the listener first.
    func start() {
        source.activate()
    }

    deinit {
        // Only reached without `stop` if the server itself was dropped while running; a source
        // left armed would keep reporting connections that nothing accepts.
        if !stopped { source.cancel() }
    }

    /// Stops accepting and closes the socket, so new connects are refused; then calls `completion`.
    func stop(completion: @escaping @Sendable () -> Void) {
        queue.async { [self] in
            guard !stopped else {
                completion()
                return
            }
            stopped = true
            source.setCancelHandler { [fd] in
                close(fd)
                completion()
            }
            source.cancel()
            if paused {
                paused = false
                source.resume()
            }
        }
    }

    private func acceptAll(_ onAccept: @Sendable (Int32, String) -> Void) {
        while !stopped {
            var peer = SocketAddress()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = peer.withMutableSockaddr { SystemCalls.acceptNonBlocking(fd, $0, &length) }
            if client >= 0 {
                peer.length = length
                loggedDescriptorExhaustion = false
                var enable: Int32 = 1
                _ = setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &enable, socklen_t(MemoryLayout<Int32>.size))
                onAccept(client, peer.description)
                continue
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO:
                continue
            case EAGAIN, EWOULDBLOCK:
                return
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                pauseAccepting(reason: errno)
                return
            default:
                logger.event("error", "accept failed", ["error": String(cString: strerror(errno))])
                return
            }
        }
    }

    /// The pending connection stays in the backlog; retrying at once would spin, so wait a little.
    private func pauseAccepting(reason: Int32) {
        if !loggedDescriptorExhaustion {
            loggedDescriptorExhaustion = true
            logger.event(
                "warning", "accept paused: out of descriptors or memory",
                ["error": String(cString: strerror(reason))])
        }
        guard !paused else { return }
        paused = true
        source.suspend()
        queue.asyncAfter(deadline: .now() + Self.pauseAfterDescriptorExhaustion) { [self] in
            guard paused else { return }
            paused = false
            source.resume()
        }
    }
}
