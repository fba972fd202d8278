import JSON
import Synchronization
import Testing

@testable import HTTPServer

/// Every record has the same shape in either format: `ts` (RFC 3339, UTC, milliseconds), `level`,
/// `msg`, then its own fields; records below the minimum level are dropped.
@Suite struct ServerLoggerTests {
    private final class Lines: Sendable {
        let captured = Mutex<[String]>([])
        var all: [String] { captured.withLock { $0 } }
    }

    private static func logger(_ format: LogFormat, _ level: LogLevel = .info) -> (ServerLogger, Lines) {
        let lines = Lines()
        return (
            ServerLogger(format: format, minimumLevel: level) { line in lines.captured.withLock { $0.append(line) } },
            lines
        )
    }

    @Test func logfmtRecordStartsWithTimestampLevelAndMessage() throws {
        let (logger, lines) = Self.logger(.logfmt)
        logger.info("listening on http://127.0.0.1:8080", ["port": "8080"])
        let line = try #require(lines.all.first)
        let timestamp = try #require(line.split(separator: " ").first)
        #expect(timestamp.hasPrefix("ts=") && timestamp.hasSuffix("Z") && timestamp.count == "ts=".count + 24)
        #expect(line.hasSuffix(" level=info msg=\"listening on http://127.0.0.1:8080\" port=8080"))
    }

    @Test func jsonRecordHasTheSameMembersInOrder() throws {
        let (logger, lines) = Self.logger(.json)
        logger.warn("slow", ["detail": "a \"quoted\"\nvalue"])
        let parsed = try JSONParser.parse(try #require(lines.all.first))
        guard case .object(let object) = parsed else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["ts", "level", "msg", "detail"])
        #expect(object["level"] == "warn")
        #expect(object["detail"] == "a \"quoted\"\nvalue")
    }

    @Test func recordsBelowTheMinimumLevelAreDropped() {
        let (logger, lines) = Self.logger(.logfmt, .warn)
        logger.debug("a")
        logger.info("b")
        logger.warn("c")
        logger.error("d")
        #expect(lines.all.count == 2)
        #expect(lines.all.allSatisfy { $0.contains(" level=warn ") || $0.contains(" level=error ") })
    }

    @Test func levelNamesParseWithWarningAsWarn() {
        #expect(LogLevel(name: "WARNING") == .warn)
        #expect(LogLevel(name: "debug") == .debug)
        #expect(LogLevel(name: "verbose") == nil)
        #expect(LogLevel.debug < LogLevel.error)
    }

    @Test func timestampsAreRFC3339InUTCWithMilliseconds() {
        #expect(LogTimestamp.format(secondsSinceEpoch: 0, milliseconds: 7) == "1970-01-01T00:00:00.007Z")
        #expect(LogTimestamp.format(secondsSinceEpoch: 1_743_465_599, milliseconds: 999) == "2025-03-31T23:59:59.999Z")
    }
}
