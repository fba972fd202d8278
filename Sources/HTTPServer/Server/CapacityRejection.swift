import Glibc

/// The answer to a connection beyond `maxConnections`: one best-effort 503 and a close.
///
/// It must cost almost nothing, since the server is already at its limit: a single non-blocking
/// send (if the socket buffer cannot take the few hundred bytes, the client just sees the close),
/// no Dispatch source, no registration.
enum CapacityRejection {
    static func reject(_ fd: Int32, serverName: String) {
        let requestID = RequestID.generate()
        var response = HTTPResponse.problem(
            HTTPError(.serviceUnavailable, detail: "The server has too many open connections; retry shortly."),
            instance: requestID)
        response.headers.set("Retry-After", "1")
        var body: [UInt8] = []
        if case .bytes(let bytes) = response.body { body = bytes }
        let bytes =
            ResponseHead.serialize(
                status: response.status, headers: response.headers, framing: .contentLength(body.count),
                connection: "close", requestID: requestID, serverName: serverName) + body
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        shutdown(fd, Int32(SHUT_WR))
        // Drop whatever request bytes already arrived, so closing sends FIN rather than a reset.
        var scratch = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<4 {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count <= 0 { break }
        }
        close(fd)
    }
}
