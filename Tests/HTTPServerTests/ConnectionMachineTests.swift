import Testing

@testable import HTTPServer

/// The connection's rules, driven without sockets or real time: made-up bytes and instants.
@Suite("Connection machine")
struct ConnectionMachineTests {
    static let timeouts = ConnectionMachine.Timeouts(
        header: .seconds(10), idle: .seconds(60), body: .seconds(30), linger: .seconds(2), write: .seconds(60))
    static let start = MonotonicInstant(nanoseconds: 1_000_000_000_000)

    static func at(_ seconds: Double) -> MonotonicInstant {
        MonotonicInstant(nanoseconds: start.nanoseconds + UInt64(seconds * 1_000_000_000))
    }

    static func machine(readAheadLimit: Int = ConnectionMachine.defaultReadAheadLimit) -> ConnectionMachine {
        var machine = ConnectionMachine(limits: ParserLimits(), timeouts: timeouts, readAheadLimit: readAheadLimit)
        machine.accepted(at: start)
        return machine
    }

    static func feed(_ machine: inout ConnectionMachine, _ text: String, at instant: MonotonicInstant) {
        Array(text.utf8).withUnsafeBytes { machine.received($0, at: instant) }
    }

    /// Reads steps until the parser needs more bytes, describing each.
    static func steps(_ machine: inout ConnectionMachine, at instant: MonotonicInstant) -> [String] {
        var seen: [String] = []
        while let step = machine.nextInput(at: instant) {
            switch step {
            case .head(let head): seen.append("head \(head.path)")
            case .body(let bytes): seen.append("body \(bytes.count)")
            case .complete: seen.append("complete")
            case .malformed(let error): seen.append("malformed \(error.status.code)")
            }
        }
        return seen
    }

    static let get = "GET /a HTTP/1.1\r\nHost: t\r\n\r\n"

    @Test func aSilentConnectionIsClosedAtTheHeaderTimeoutWithoutAnAnswer() {
        var machine = Self.machine()
        #expect(machine.nextDeadline == Self.at(10))
        let outcome1 = machine.timerFired(at: Self.at(9.9))
        #expect(outcome1 == .nothingDue)
        let outcome2 = machine.timerFired(at: Self.at(10))
        #expect(outcome2 == .close)
    }

    @Test func theFirstHeadIsDueWithinTheHeaderTimeoutOfTheAcceptNotOfItsFirstByte() {
        var machine = Self.machine()
        Self.feed(&machine, "GET /a HT", at: Self.at(8))
        #expect(Self.steps(&machine, at: Self.at(8)).isEmpty)
        #expect(machine.phase == .head)
        let outcome3 = machine.timerFired(at: Self.at(10))
        #expect(outcome3 == .requestTimeout)
    }

    @Test func aLaterHeadIsDueWithinTheHeaderTimeoutOfItsFirstByte() {
        var machine = Self.machine()
        Self.feed(&machine, Self.get, at: Self.at(1))
        #expect(Self.steps(&machine, at: Self.at(1)) == ["head /a", "complete"])
        machine.responseQueued(keepAlive: true)
        let outcome4 = machine.outputDrained(at: Self.at(2))
        #expect(outcome4 == .nextRequest)
        #expect(machine.phase == .idle)
        Self.feed(&machine, "GET /b", at: Self.at(50))
        #expect(Self.steps(&machine, at: Self.at(50)).isEmpty)
        let outcome5 = machine.timerFired(at: Self.at(59.9))
        #expect(outcome5 == .nothingDue)
        let outcome6 = machine.timerFired(at: Self.at(60))
        #expect(outcome6 == .requestTimeout)
    }

    @Test func anIdleKeepAliveConnectionClosesAtTheIdleTimeout() {
        var machine = Self.machine()
        Self.feed(&machine, Self.get, at: Self.at(1))
        _ = Self.steps(&machine, at: Self.at(1))
        machine.responseQueued(keepAlive: true)
        _ = machine.outputDrained(at: Self.at(2))
        let outcome7 = machine.timerFired(at: Self.at(61.9))
        #expect(outcome7 == .nothingDue)
        let outcome8 = machine.timerFired(at: Self.at(62))
        #expect(outcome8 == .close)
    }

    @Test func aBodyTimesOutOnAStallNotOnItsLength() {
        var machine = Self.machine()
        Self.feed(&machine, "POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\n", at: Self.at(1))
        #expect(Self.steps(&machine, at: Self.at(1)) == ["head /a"])
        machine.expectBody(at: Self.at(1))
        // A byte every 20 s: never a 30 s stall, so never a timeout, however long it takes.
        for (index, second) in [21.0, 41.0, 61.0].enumerated() {
            let outcome9 = machine.timerFired(at: Self.at(second - 0.5))
            #expect(outcome9 == .nothingDue, "before byte \(index)")
            Self.feed(&machine, "x", at: Self.at(second))
            #expect(Self.steps(&machine, at: Self.at(second)) == ["body 1"])
        }
        let outcome10 = machine.timerFired(at: Self.at(90))
        #expect(outcome10 == .nothingDue)
        let outcome11 = machine.timerFired(at: Self.at(91))
        #expect(outcome11 == .requestTimeout)
    }

    @Test func aPipelinedRequestStartsOnlyOnceTheResponseBeforeItIsWritten() {
        var machine = Self.machine()
        Self.feed(&machine, Self.get + "GET /b HTTP/1.1\r\nHost: t\r\n\r\n", at: Self.at(1))
        #expect(Self.steps(&machine, at: Self.at(1)) == ["head /a", "complete"])
        let outcome12 = machine.nextInput(at: Self.at(1))
        #expect(outcome12 == nil)
        machine.responseQueued(keepAlive: true)
        let outcome13 = machine.nextInput(at: Self.at(1))
        #expect(outcome13 == nil, "queued is not written")
        let outcome14 = machine.outputDrained(at: Self.at(1))
        #expect(outcome14 == .nextRequest)
        #expect(machine.phase == .head)
        #expect(Self.steps(&machine, at: Self.at(1)) == ["head /b", "complete"])
    }

    @Test func inputIsReadAheadWhileRespondingUpToTheLimit() {
        var machine = Self.machine(readAheadLimit: 64)
        Self.feed(&machine, Self.get, at: Self.at(1))
        _ = Self.steps(&machine, at: Self.at(1))
        #expect(machine.isResponding)
        #expect(machine.wantsInput)
        Self.feed(&machine, String(repeating: "G", count: 64), at: Self.at(1))
        #expect(!machine.wantsInput)
    }

    @Test func aResponseThatClosesLingersThenCloses() {
        var machine = Self.machine()
        Self.feed(&machine, Self.get, at: Self.at(1))
        _ = Self.steps(&machine, at: Self.at(1))
        machine.responseQueued(keepAlive: false)
        let outcome15 = machine.outputDrained(at: Self.at(2))
        #expect(outcome15 == .halfCloseAndLinger)
        #expect(machine.discardsInput)
        #expect(machine.wantsInput)
        let outcome16 = machine.timerFired(at: Self.at(3.9))
        #expect(outcome16 == .nothingDue)
        let outcome17 = machine.timerFired(at: Self.at(4))
        #expect(outcome17 == .close)
    }

    @Test func aPeerThatFinishedSendingIsAnsweredThenClosed() {
        var machine = Self.machine()
        Self.feed(&machine, Self.get, at: Self.at(1))
        machine.peerFinished()
        _ = Self.steps(&machine, at: Self.at(1))
        #expect(!machine.wantsInput, "the end of input stays readable forever")
        #expect(!machine.inputExhausted, "a request is being answered")
        machine.responseQueued(keepAlive: true)
        let outcome18 = machine.outputDrained(at: Self.at(1))
        #expect(outcome18 == .nextRequest)
        #expect(machine.inputExhausted)

        var closing = Self.machine()
        Self.feed(&closing, Self.get, at: Self.at(1))
        closing.peerFinished()
        _ = Self.steps(&closing, at: Self.at(1))
        closing.responseQueued(keepAlive: false)
        let outcome19 = closing.outputDrained(at: Self.at(1))
        #expect(outcome19 == .halfCloseAndClose)
    }

    @Test func aDrainClosesAnIdleConnectionAtOnceAndABusyOneAfterItsAnswer() {
        var idle = Self.machine()
        let outcome20 = idle.beginDrain()
        #expect(outcome20)

        var busy = Self.machine()
        Self.feed(&busy, Self.get, at: Self.at(1))
        _ = Self.steps(&busy, at: Self.at(1))
        let outcome21 = busy.beginDrain()
        #expect(!outcome21)
        guard case .head(let head) = Self.head(Self.get) else { return }
        #expect(!busy.keepsAlive(head))
        busy.responseQueued(keepAlive: true)
        let outcome22 = busy.outputDrained(at: Self.at(1))
        #expect(outcome22 == .halfCloseAndLinger)
    }

    @Test func aClientThatStopsReadingIsDroppedAtTheWriteTimeout() {
        var machine = Self.machine()
        Self.feed(&machine, Self.get, at: Self.at(1))
        _ = Self.steps(&machine, at: Self.at(1))
        machine.responseQueued(keepAlive: true)
        machine.outputBlocked(progressed: false, at: Self.at(1))
        machine.outputBlocked(progressed: false, at: Self.at(30))
        #expect(machine.nextDeadline == Self.at(61), "no progress does not move the deadline")
        machine.outputBlocked(progressed: true, at: Self.at(40))
        let outcome23 = machine.timerFired(at: Self.at(99))
        #expect(outcome23 == .nothingDue)
        let outcome24 = machine.timerFired(at: Self.at(100))
        #expect(outcome24 == .close)
    }

    @Test func malformedInputIsAnsweredOnceThenTheConnectionCloses() {
        var machine = Self.machine()
        Self.feed(&machine, "GET /a HTTP/1.1\r\nHost : t\r\n\r\n", at: Self.at(1))
        #expect(Self.steps(&machine, at: Self.at(1)) == ["malformed 400"])
        let outcome25 = machine.beginEarlyAnswer()
        #expect(outcome25)
        machine.responseQueued(keepAlive: true)
        let outcome26 = machine.outputDrained(at: Self.at(1))
        #expect(outcome26 == .halfCloseAndLinger, "unframed input: never kept alive")
        let outcome27 = machine.beginEarlyAnswer()
        #expect(!outcome27, "nothing is answered while lingering")
    }

    @Test func aRefusedHeadClosesAfterItsAnswer() {
        var machine = Self.machine()
        Self.feed(&machine, "POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 99\r\n\r\n", at: Self.at(1))
        guard case .head(let head) = machine.nextInput(at: Self.at(1)) else {
            Issue.record("no head")
            return
        }
        machine.refuseHead()
        #expect(machine.isResponding)
        #expect(!machine.keepsAlive(head))
        #expect(machine.nextDeadline == nil, "no read deadline while the refusal is produced")
    }

    @Test func aClosedMachineIgnoresEverything() {
        var machine = Self.machine()
        machine.closed()
        Self.feed(&machine, Self.get, at: Self.at(1))
        let outcome28 = machine.nextInput(at: Self.at(1))
        #expect(outcome28 == nil)
        #expect(!machine.wantsInput)
        #expect(machine.nextDeadline == nil)
        let outcome29 = machine.timerFired(at: Self.at(1000))
        #expect(outcome29 == .nothingDue)
    }

    @Test func instantsSaturateInsteadOfOverflowing() {
        let late = MonotonicInstant(nanoseconds: UInt64.max - 5)
        #expect(late.advanced(by: .seconds(10)).nanoseconds == UInt64.max)
        #expect(Self.start.advanced(by: .seconds(-5)) == Self.start)
        #expect(Self.start.advanced(by: .milliseconds(1500)) == Self.at(1.5))
    }

    static func head(_ text: String) -> ConnectionMachine.InputStep? {
        var machine = Self.machine()
        feed(&machine, text, at: at(0))
        return machine.nextInput(at: at(0))
    }
}

extension ConnectionMachine.InputStep: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.complete, .complete): return true
        case (.body(let a), .body(let b)): return a == b
        case (.head(let a), .head(let b)): return a.target == b.target && a.method == b.method
        case (.malformed(let a), .malformed(let b)): return a.status == b.status
        default: return false
        }
    }
}
