import Foundation
import Testing

/// `council-api healthcheck` run as the Docker HEALTHCHECK runs it: the real binary, against a
/// real server (and against nothing), by its exit status.
@Suite struct HealthcheckCommandTests {
    /// The built executable beside the test bundle (`swift build` puts both in one folder).
    static func binary() throws -> String {
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("council-api").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw HealthcheckTestError(
            description: "council-api binary not found near \(CommandLine.arguments.first ?? "")")
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = ["healthcheck"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func exitsZeroWhenReadyAndOneOtherwise() throws {
        let api = try LiveAPI()
        #expect(try Self.run(["--url", "http://127.0.0.1:\(api.live.port)/readyz"]) == 0)
        #expect(
            try Self.run(["--url", "http://127.0.0.1:\(api.live.port)/v1/councils/atlantis"]) == 1,
            "a 404 is not healthy")
        #expect(try Self.run(["--url", "http://127.0.0.1:1/readyz", "--timeout", "1"]) == 1, "nothing listening")
        #expect(try Self.run(["--url", "https://example.org/readyz"]) == 1, "an unusable URL is unhealthy")
    }
}

struct HealthcheckTestError: Error, CustomStringConvertible {
    let description: String
}
