import Foundation

/// Finds the `Migrations/` folder wherever the program runs from.
///
/// The same binary runs from the repository (`swift run`), from `.build/<triple>/debug`,
/// as a test bundle, and in a container where it sits beside `/app/Migrations`. Rather than
/// make every environment pass a flag, the search tries the explicit setting, then the
/// working directory, then each directory above the executable's real location.
public enum MigrationsDirectory {
    /// The environment variable consulted when no explicit path is given.
    public static let environmentVariable = "MIGRATIONS_PATH"
    /// The folder name searched for.
    public static let folderName = "Migrations"

    /// The migrations directory to use.
    ///
    /// - `explicit` (e.g. a command-line flag), then `MIGRATIONS_PATH`: used as given, and an
    ///   error if it is not a directory (a wrong explicit path must not fall back silently).
    /// - `./Migrations` under `currentDirectory`, if it holds a `0001_*.sql` file.
    /// - `Migrations` in the executable's directory and each parent up to `/`, same test.
    ///
    /// The last three parameters exist for tests; callers pass only `explicit`.
    public static func locate(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = currentExecutablePath()
    ) throws(MigrationError) -> String {
        if let explicit, !explicit.isEmpty {
            return try existingDirectory(explicit, source: "the explicit path")
        }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return try existingDirectory(fromEnvironment, source: environmentVariable)
        }

        var searched: [String] = []
        let local = join(currentDirectory, folderName)
        searched.append(local)
        if holdsFirstMigration(local) { return local }

        if let executablePath {
            var directory = parent(of: executablePath)
            while let current = directory {
                let candidate = join(current, folderName)
                if !searched.contains(candidate) {
                    searched.append(candidate)
                    if holdsFirstMigration(candidate) { return candidate }
                }
                directory = parent(of: current)
            }
        }
        throw .directoryNotFound(searched: searched)
    }

    /// The running executable's path with symbolic links resolved (`/proc/self/exe` on Linux).
    public static func currentExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        guard let argument = CommandLine.arguments.first, !argument.isEmpty else { return nil }
        return URL(fileURLWithPath: argument).resolvingSymlinksInPath().path
    }

    private static func existingDirectory(_ path: String, source: String) throws(MigrationError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .explicitDirectoryMissing(path: path, source: source)
        }
        return path
    }

    /// Whether `directory` exists and holds the first migration, which tells a real
    /// migrations folder from an unrelated one that happens to share the name.
    static func holdsFirstMigration(_ directory: String) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return false }
        return names.contains { $0.hasPrefix("0001_") && $0.hasSuffix(".sql") }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The parent directory of `path`, or nil at the root.
    private static func parent(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return nil }
        if slash == trimmed.startIndex { return trimmed.count > 1 ? "/" : nil }
        return String(trimmed[..<slash])
    }
}
