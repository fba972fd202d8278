import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// `council-api healthcheck [--url URL]`: exit 0 when the server's `/readyz` answers 200, 1
/// otherwise, for a container's HEALTHCHECK. A plain HTTP/1.1 GET on a socket with a deadline, so
/// the image needs no curl and the check cannot hang.
struct HealthcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 when the server's /readyz answers 200, 1 otherwise.")

    @Option(help: "The URL to ask (default http://127.0.0.1:$PORT/readyz, PORT defaulting to 8080). http only.")
    var url: String?

    @Option(help: "Seconds to wait for the answer.")
    var timeout: Int = 3

    @OptionGroup var logging: LogOptions

    func run() throws {
        try logging.install()
        let log = ProcessLog.current
        let port = EnvironmentOption.value("PORT") ?? "8080"
        let target: HealthcheckTarget
        do {
            target = try HealthcheckTarget(url ?? "http://127.0.0.1:\(port)/readyz")
        } catch {
            // Unhealthy, not a usage error: a container's health check knows only 0 and 1.
            log.error("\(error)")
            throw ExitCode(1)
        }
        let status = HealthcheckTarget.status(of: target, timeoutSeconds: max(1, timeout))
        guard status == 200 else {
            log.error("\(target.text) answered \(status.map(String.init) ?? "nothing")")
            throw ExitCode(1)
        }
        log.info("\(target.text) answered 200")
    }
}

/// Where a health check asks: host, port and path of an `http://` URL.
struct HealthcheckTarget {
    let text: String
    let host: String
    let port: UInt16
    let path: String

    init(_ url: String) throws {
        guard url.hasPrefix("http://") else { throw ValidationError("--url must be an http:// URL, got \(url)") }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        let parts = authority.split(separator: ":", maxSplits: 1)
        guard let host = parts.first, !host.isEmpty, let port = UInt16(parts.count > 1 ? parts[1] : "80") else {
            throw ValidationError("--url \(url) has no usable host and port")
        }
        self.text = url
        self.host = host == "localhost" ? "127.0.0.1" : String(host)
        self.port = port
        self.path = path.isEmpty ? "/" : String(path)
    }

    /// The status code of a GET, or nil when nothing (or no status line) came back in time.
    static func status(of target: HealthcheckTarget, timeoutSeconds: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var deadline = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &deadline, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &deadline, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = target.port.bigEndian
        guard inet_pton(AF_INET, target.host, &address.sin_addr) == 1 else { return nil }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET \(target.path) HTTP/1.1\r\nHost: \(target.host)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count
        else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count >= 12 else { return nil }
        // "HTTP/1.1 200 ..."
        let line = String(decoding: buffer[0..<count], as: UTF8.self)
        let fields = line.split(separator: " ", maxSplits: 2)
        guard fields.count >= 2, fields[0].hasPrefix("HTTP/") else { return nil }
        return Int(fields[1])
    }
}
