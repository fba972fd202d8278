import Foundation

/// Files the tests read from the checkout or the workspace around it (the migrations, the shared
/// register of councils), found by walking up from this source file so that any test target,
/// whatever its working directory, reads the same ones; the register is never copied in.
public enum RepositoryFiles {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// `relativePath` in the nearest directory above this file that has it (`Migrations`, `shared/…`).
    public static func locate(_ relativePath: String) throws -> String {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        throw Missing(description: "\(relativePath) not found above \(#filePath)")
    }

    /// mySociety's register of UK local authorities, from the workspace's shared data.
    public static func registerPath() throws -> String {
        try locate("shared/data/uk_local_authorities_current.csv")
    }
}
