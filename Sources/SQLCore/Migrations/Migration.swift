import Digests

/// One schema change, read from a file named `NNNN_name.sql`.
///
/// The checksum is the SHA-256 of the file's exact bytes. It is recorded when the migration
/// is applied, so a later edit to an already-applied file is caught at start-up instead of
/// leaving databases whose schema depends on when they were created.
public struct Migration: Sendable, Equatable {
    /// The `NNNN` prefix; migrations apply in increasing version order.
    public let version: Int
    /// The part of the file name after `NNNN_`, without `.sql`.
    public let name: String
    /// The file name, for messages.
    public let fileName: String
    public let sql: String
    /// Lowercase hex SHA-256 of the file bytes.
    public let checksum: String

    public init(version: Int, name: String, fileName: String, sql: String, checksum: String) {
        self.version = version
        self.name = name
        self.fileName = fileName
        self.sql = sql
        self.checksum = checksum
    }

    /// A migration from a file's name and bytes. Throws for a malformed name or text that is not UTF-8.
    public init(fileName: String, contents: [UInt8]) throws(MigrationError) {
        let (version, name) = try MigrationFileName.parse(fileName)
        guard let sql = String(validating: contents, as: UTF8.self) else {
            throw .unreadableFile(file: fileName, reason: "not valid UTF-8")
        }
        self.init(
            version: version, name: name, fileName: fileName, sql: sql, checksum: SHA256.hexDigest(contents))
    }
}

/// The `NNNN_name.sql` naming rule, kept apart so it reads in one place.
enum MigrationFileName {
    static let suffix = ".sql"

    /// Whether the migrator should consider `fileName` at all: `.sql` files that are not hidden.
    static func isCandidate(_ fileName: String) -> Bool {
        fileName.hasSuffix(suffix) && !fileName.hasPrefix(".")
    }

    /// Splits `0001_initial.sql` into `(1, "initial")`.
    static func parse(_ fileName: String) throws(MigrationError) -> (version: Int, name: String) {
        let expected = "expected NNNN_name.sql: four digits, an underscore, then letters, digits, '_' or '-'"
        guard fileName.hasSuffix(suffix) else { throw .malformedFileName(file: fileName, reason: expected) }
        let stem = fileName.utf8.dropLast(suffix.utf8.count)
        let digits = stem.prefix(4)
        guard digits.count == 4, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            stem.dropFirst(4).first == UInt8(ascii: "_")
        else { throw .malformedFileName(file: fileName, reason: expected) }
        let nameBytes = stem.dropFirst(5)
        let allowed = { (byte: UInt8) -> Bool in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
        guard !nameBytes.isEmpty, nameBytes.allSatisfy(allowed) else {
            throw .malformedFileName(file: fileName, reason: expected)
        }
        let version = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard version > 0 else {
            throw .malformedFileName(file: fileName, reason: "version 0000 is reserved; start at 0001")
        }
        return (version, String(decoding: nameBytes, as: UTF8.self))
    }
}
