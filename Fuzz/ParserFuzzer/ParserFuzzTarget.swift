// libFuzzer entry point for `RequestParser`, compiled together with the parser's own sources by
// scripts/fuzz-parser.sh (never by SwiftPM), so internal types are visible and `swift build`
// stays as fast as before.
//
// Each input is parsed three ways: whole, split in two at a point chosen by its first byte, and
// dribbled in small pieces sized by its second byte. Besides "never crash, never hang", the three
// runs must agree exactly (same heads, same body bytes, same final error), because a parser
// whose answer depends on how TCP happened to split the stream is a smuggling risk.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Limits small enough that a 16 KiB input can reach every cap, alternated with the defaults.
private let smallLimits: ParserLimits = {
    var limits = ParserLimits()
    limits.maxRequestLineBytes = 64
    limits.maxHeaderBytes = 256
    limits.maxHeaderCount = 8
    limits.maxChunkLineBytes = 16
    return limits
}()

/// Everything one run observed, in a form that can be compared across runs.
private struct Outcome: Equatable {
    var transcript: [String] = []
    var error: HTTPParseError?
}

/// Feeds `input` in pieces (the first `firstPiece` bytes, then `pieceSize` at a time, then the
/// rest) and drains events after every piece. A parser that kept producing events without
/// consuming input would loop forever, so the number of events is bounded by the input size.
private func run(
    _ input: UnsafeBufferPointer<UInt8>, firstPiece: Int, pieceSize: Int, limits: ParserLimits
) -> Outcome {
    var parser = RequestParser(limits: limits)
    var outcome = Outcome()
    var body: [UInt8] = []
    var events = 0
    func flushBody() {
        if !body.isEmpty { outcome.transcript.append("body \(body)") }
        body = []
    }
    var start = 0
    var piece = 0
    repeat {
        let end = min(input.count, start + (piece == 0 ? firstPiece : pieceSize))
        piece += 1
        parser.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[start..<end])))
        start = end
        do {
            while let event = try parser.next() {
                events += 1
                if events > 4 * input.count + 16 { fail("the parser produced more events than the input can hold") }
                switch event {
                case .head(let head):
                    flushBody()
                    outcome.transcript.append(describe(head))
                case .body(let bytes):
                    if bytes.isEmpty { fail("the parser produced an empty body event") }
                    body += bytes
                case .end:
                    flushBody()
                    outcome.transcript.append("end")
                }
            }
        } catch {
            flushBody()
            outcome.error = error
            do {
                _ = try parser.next()
                fail("the parser recovered after \(error)")
            } catch let again {
                if again != error { fail("the parser changed its error from \(error) to \(again)") }
            }
            return outcome
        }
    } while start < input.count
    flushBody()
    return outcome
}

/// Says why on standard error (unbuffered, so the message survives `abort`) and crashes, which
/// is how libFuzzer learns that an input is a finding.
private func fail(_ message: String) -> Never {
    fputs("ParserFuzzer: " + message + "\n", stderr)
    abort()
}

private func describe(_ head: RequestHead) -> String {
    let headers = head.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ";")
    let query = head.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    return "\(head.method) \(head.target) \(head.version) [\(headers)] path=\(head.path) "
        + "segments=\(head.pathSegments) query=\(query) framing=\(head.framing) "
        + "keepAlive=\(head.keepAlive) continue=\(head.expectsContinue)"
}

private func report(_ name: String, _ a: Outcome, _ b: Outcome) -> Never {
    fail(
        "whole and \(name) runs disagree\nwhole: \(a.transcript) error=\(String(describing: a.error))\n"
            + "\(name): \(b.transcript) error=\(String(describing: b.error))")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func parserFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    guard let first = input.first else { return 0 }
    let limits = first & 1 == 0 ? ParserLimits() : smallLimits

    let whole = run(input, firstPiece: size, pieceSize: size, limits: limits)

    let splitAt = Int(first) * size / 256
    let split = run(input, firstPiece: splitAt, pieceSize: size, limits: limits)
    if split != whole { report("split at \(splitAt)", whole, split) }

    let pieceSize = size > 1 ? Int(input[1] % 13) + 1 : 1
    let dribbled = run(input, firstPiece: pieceSize, pieceSize: pieceSize, limits: limits)
    if dribbled != whole { report("dribbled in pieces of \(pieceSize)", whole, dribbled) }
    return 0
}
