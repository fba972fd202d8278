import Dispatch

/// Thrown by a stream's `BodyWriter` once the client has gone, so a producer stops early.
public struct ClientDisconnectedError: Error, Sendable {}

/// Streamed responses: the handler's producer runs on its worker and writes through a
/// `BodyWriter` that blocks while too much is queued for the socket.
extension Connection {
    private enum StreamWriteOutcome {
        case queued
        case mustWait
        case gone
    }

    /// Runs on a worker thread.
    func stream(
        _ response: HTTPResponse, _ produce: @Sendable (any BodyWriter) throws -> Void,
        for request: HTTPRequest, startedAt: ContinuousClock.Instant
    ) {
        let started: ResponseFraming? = queue.sync { startStream(response) }
        guard let framing = started else { return }
        let writer = StreamBodyWriter(connection: self, chunked: framing == .chunked)
        do {
            try produce(writer)
        } catch {
            if !(error is ClientDisconnectedError) {
                context.logger.event(
                    "error", "response stream failed", ["error": String(describing: error), "request_id": request.id])
            }
            // The head is already out: the only way left to signal failure is to cut the
            // connection before the final chunk.
            queue.async { [self] in close() }
            logAccess(
                request.head, status: response.status, bytes: writer.bytesWritten, requestID: request.id,
                startedAt: startedAt)
            return
        }
        queue.async { [self] in endStream() }
        logAccess(
            request.head, status: response.status, bytes: writer.bytesWritten, requestID: request.id,
            startedAt: startedAt)
    }

    private func startStream(_ response: HTTPResponse) -> ResponseFraming? {
        guard machine.isResponding, var current = exchange else { return nil }
        let chunked = current.head.version != .http10
        let framing: ResponseFraming = chunked ? .chunked : .closeDelimited
        // An HTTP/1.0 client learns where the body ends only from the connection closing.
        current.keepAlive = chunked && keepsAlive(current.head, response)
        current.streaming = true
        current.streamFraming = framing
        exchange = current
        outbound.append(
            ResponseHead.serialize(
                status: response.status, headers: response.headers, framing: framing,
                connection: connectionHeader(keepAlive: current.keepAlive, version: current.head.version),
                requestID: current.requestID, serverName: configuration.serverName))
        flush()
        return machine.phase == .closed ? nil : framing
    }

    /// Runs on the worker; returns once `bytes` are queued within the high-water mark.
    func writeStreamed(_ bytes: [UInt8]) throws(ClientDisconnectedError) {
        let outcome: StreamWriteOutcome = queue.sync {
            guard machine.isResponding, exchange?.streaming == true else { return .gone }
            outbound.append(bytes)
            flush()
            guard machine.phase != .closed else { return .gone }
            if outbound.count > configuration.streamHighWaterMark {
                streamWriterWaiting = true
                return .mustWait
            }
            return .queued
        }
        switch outcome {
        case .queued:
            return
        case .gone:
            throw ClientDisconnectedError()
        case .mustWait:
            writableSignal.wait()
            let open = queue.sync { machine.phase != .closed }
            if !open { throw ClientDisconnectedError() }
        }
    }

    private func endStream() {
        guard machine.isResponding, var current = exchange, current.streaming else { return }
        current.streaming = false
        exchange = current
        if current.streamFraming == .chunked {
            outbound.append(Array("0\r\n\r\n".utf8))
        }
        machine.responseQueued(keepAlive: current.keepAlive)
        flush()
    }
}

/// The `BodyWriter` a streaming handler receives; used only from the handler's worker thread.
final class StreamBodyWriter: BodyWriter {
    private let connection: Connection
    private let chunked: Bool
    private(set) var bytesWritten = 0

    init(connection: Connection, chunked: Bool) {
        self.connection = connection
        self.chunked = chunked
    }

    func write(_ bytes: [UInt8]) throws {
        // An empty chunk would end the body early; there is nothing to send anyway.
        guard !bytes.isEmpty else { return }
        if chunked {
            var framed = Array((String(bytes.count, radix: 16) + "\r\n").utf8)
            framed.reserveCapacity(framed.count + bytes.count + 2)
            framed.append(contentsOf: bytes)
            framed.append(contentsOf: [13, 10])
            try connection.writeStreamed(framed)
        } else {
            try connection.writeStreamed(bytes)
        }
        bytesWritten += bytes.count
    }
}
