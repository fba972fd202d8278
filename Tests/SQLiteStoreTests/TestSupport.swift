import Foundation
import SQLCore
import SQLiteStore

/// A fresh directory under the system temporary directory, deleted when released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("SQLiteStoreTests-\(UUID().uuidString)", isDirectory: true).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        _ = try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ contents: String) throws {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file(name)))
    }
}

/// A read-write connection on a new file in `directory`.
func makeConnection(in directory: TemporaryDirectory, configuration: ConnectionConfiguration = .init()) throws
    -> Connection
{
    try Connection(path: directory.file("test.sqlite"), configuration: configuration)
}

struct ExpectedFailure: Error, Equatable {}
