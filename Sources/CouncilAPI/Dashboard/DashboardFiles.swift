import Digests
import Foundation

/// The dashboard's files (plain HTML, CSS and JavaScript modules, no build step), read once at
/// start-up from the `Dashboard/` folder and served from memory with strong ETags.
///
/// Read once because they are small (under 100 KB together) and fixed for the life of the
/// process: a request costs no file access, and no request path ever reaches the file system,
/// so there is nothing to traverse. Only flat file names with a known type are served.
public struct DashboardFiles: Sendable {
    /// One file as served.
    public struct File: Sendable {
        public let bytes: [UInt8]
        public let contentType: String
        /// Strong: a digest of the exact bytes.
        public let etag: String
    }

    public let directory: String?
    public let files: [String: File]

    /// The folder name searched for, like `Migrations/`.
    public static let folderName = "Dashboard"
    public static let environmentVariable = "DASHBOARD_PATH"

    static let contentTypes = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml",
        "json": "application/json",
        "txt": "text/plain; charset=utf-8",
    ]

    public init(directory: String?, files: [String: File]) {
        self.directory = directory
        self.files = files
    }

    /// No dashboard: `/` says where the files were looked for.
    public static let none = DashboardFiles(directory: nil, files: [:])

    /// Reads every servable file of `directory` (not its subfolders).
    public static func load(from directory: String) throws -> DashboardFiles {
        var files: [String: File] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where isServable(name) {
            guard let type = contentTypes[String(name.split(separator: ".").last ?? "")],
                let data = FileManager.default.contents(atPath: directory + "/" + name)
            else { continue }
            let bytes = [UInt8](data)
            files[name] = File(
                bytes: bytes, contentType: type, etag: "\"" + String(SHA256.hexDigest(bytes).prefix(32)) + "\"")
        }
        return DashboardFiles(directory: directory, files: files)
    }

    /// A flat name with a known extension, not hidden.
    static func isServable(_ name: String) -> Bool {
        guard !name.hasPrefix("."), !name.contains("/"), let dot = name.lastIndex(of: ".") else { return false }
        return contentTypes[String(name[name.index(after: dot)...])] != nil
    }

    /// The dashboard folder: `explicit` (a flag), else `DASHBOARD_PATH`, else `Dashboard/` in the
    /// working directory or in the executable's folder or any above it (the repository,
    /// `.build/release`, `/app` in the Docker image). Nil when none holds an `index.html`.
    public static func locate(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = Bundle.main.executablePath
    ) -> String? {
        if let explicit = explicit ?? environment[environmentVariable], !explicit.isEmpty { return explicit }
        var candidates = [currentDirectory + "/" + folderName]
        if let executablePath {
            var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            while folder.path != "/" {
                candidates.append(folder.appendingPathComponent(folderName).path)
                folder = folder.deletingLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/index.html") }
    }
}
