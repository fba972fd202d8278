import Foundation

/// The numbered `NNNN_name.sql` files of one engine's migrations folder, and the checks every
/// engine's migrator makes before applying any: the same rules for SQLite and PostgreSQL.
public struct MigrationFolder: Sendable {
    /// The directory holding the `NNNN_name.sql` files.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The migrations in the directory, in version order. Files not ending in `.sql` (and
    /// hidden files) are ignored; a `.sql` file with a malformed name or a duplicated
    /// version is an error naming it.
    public func load() throws(MigrationError) -> [Migration] {
        let fileNames: [String]
        do {
            fileNames = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .directoryUnreadable(path: directory, reason: "\(error.localizedDescription)")
        }
        var byVersion: [Int: Migration] = [:]
        for fileName in fileNames.sorted() where MigrationFileName.isCandidate(fileName) {
            let path = directory + "/" + fileName
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadableFile(file: fileName, reason: "could not read \(path)")
            }
            let migration = try Migration(fileName: fileName, contents: [UInt8](data))
            if let existing = byVersion[migration.version] {
                throw .duplicateVersion(version: migration.version, files: [existing.fileName, fileName])
            }
            byVersion[migration.version] = migration
        }
        return byVersion.values.sorted { $0.version < $1.version }
    }

    /// The migrations still to apply, in version order, once `applied` (what the database records)
    /// is verified against the files: every applied migration must still have its file,
    /// unchanged (same checksum).
    public func pending(applied: [AppliedMigration], available: [Migration]) throws(MigrationError) -> [Migration] {
        try verify(applied: applied, available: available)
        let appliedVersions = Set(applied.map(\.version))
        return available.filter { !appliedVersions.contains($0.version) }
    }

    /// Checks what the database records as applied against the files: every applied migration
    /// must still have its file, unchanged (same checksum).
    public func verify(applied: [AppliedMigration], available: [Migration]) throws(MigrationError) {
        let availableByVersion = Dictionary(available.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for record in applied {
            guard let migration = availableByVersion[record.version] else {
                throw .appliedMigrationMissing(version: record.version, name: record.name, directory: directory)
            }
            guard migration.checksum == record.checksum else {
                throw .checksumMismatch(
                    file: migration.fileName, version: migration.version, applied: record.checksum,
                    current: migration.checksum)
            }
        }
    }
}

/// A row of `schema_migrations`: what the database says was applied.
public struct AppliedMigration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let checksum: String

    public init(version: Int, name: String, checksum: String) {
        self.version = version
        self.name = name
        self.checksum = checksum
    }
}
