/// Why migrations could not be loaded, verified or applied.
///
/// Every case names the file (or the places searched), because the person reading the
/// message at start-up needs to know which file to fix, not just that something failed.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The migrations directory could not be listed.
    case directoryUnreadable(path: String, reason: String)
    /// A `.sql` file whose name does not follow `NNNN_name.sql`.
    case malformedFileName(file: String, reason: String)
    /// Two files claim the same version.
    case duplicateVersion(version: Int, files: [String])
    case unreadableFile(file: String, reason: String)
    /// An applied migration's file was edited after it was applied.
    case checksumMismatch(file: String, version: Int, applied: String, current: String)
    /// The database records a migration that no file provides.
    case appliedMigrationMissing(version: Int, name: String, directory: String)
    /// A migration's SQL failed; its changes and its record were rolled back.
    case migrationFailed(file: String, version: Int, message: String)
    /// A migration script ended the transaction it runs in (BEGIN/COMMIT/ROLLBACK in the file).
    case transactionControlInScript(file: String)
    /// An explicitly given migrations directory does not exist.
    case explicitDirectoryMissing(path: String, source: String)
    /// No migrations directory was found in any of the places searched.
    case directoryNotFound(searched: [String])

    public var description: String {
        switch self {
        case .directoryUnreadable(let path, let reason):
            "cannot list migrations directory \(path): \(reason)"
        case .malformedFileName(let file, let reason):
            "malformed migration file name '\(file)': \(reason)"
        case .duplicateVersion(let version, let files):
            "migration version \(version) is claimed by more than one file: \(files.joined(separator: ", "))"
        case .unreadableFile(let file, let reason):
            "cannot read migration \(file): \(reason)"
        case .checksumMismatch(let file, let version, let applied, let current):
            "migration \(file) (version \(version)) was changed after it was applied: "
                + "applied checksum \(applied), file checksum now \(current). "
                + "Restore the file and add a new migration for the change."
        case .appliedMigrationMissing(let version, let name, let directory):
            "migration \(version) (\(name)) is applied in the database but has no file in \(directory)"
        case .migrationFailed(let file, let version, let message):
            "migration \(file) (version \(version)) failed and was rolled back: \(message)"
        case .transactionControlInScript(let file):
            "migration \(file) ends the transaction it runs in; remove BEGIN/COMMIT/ROLLBACK from the file"
        case .explicitDirectoryMissing(let path, let source):
            "migrations directory \(path) (from \(source)) does not exist or is not a directory"
        case .directoryNotFound(let searched):
            "no Migrations directory holding 0001_*.sql found; looked in: " + searched.joined(separator: ", ")
        }
    }
}
