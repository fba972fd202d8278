import Digests
import Foundation
import SQLCore
import SQLiteStore
import Testing

struct MigrationTests {
    let directory: TemporaryDirectory
    let migrations: String

    init() throws {
        directory = try TemporaryDirectory()
        migrations = directory.file("Migrations")
        try FileManager.default.createDirectory(atPath: migrations, withIntermediateDirectories: true)
        try writeMigration("0001_initial.sql", "CREATE TABLE council (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
        try writeMigration(
            "0002_add_region.sql",
            "ALTER TABLE council ADD COLUMN region TEXT;\nCREATE INDEX council_region ON council (region);")
        try writeMigration("README.md", "not a migration")
    }

    private func writeMigration(_ name: String, _ sql: String) throws {
        try Data(sql.utf8).write(to: URL(fileURLWithPath: migrations + "/" + name))
    }

    private func tableExists(_ name: String, in pool: DatabasePool) throws -> Bool {
        try pool.read { try $0.scalar("SELECT count(*) FROM sqlite_schema WHERE name = ?", [name]) } == .integer(1)
    }

    @Test func freshDatabaseAppliesEverythingInOrder() throws {
        let pool = try DatabasePool.temporary()
        let applied = try Migrator(directory: migrations).migrate(pool)
        #expect(applied.map(\.version) == [1, 2])
        #expect(applied.map(\.name) == ["initial", "add_region"])
        #expect(try tableExists("council", in: pool))

        let records = try pool.read {
            try $0.query("SELECT version, name, checksum, applied_at FROM schema_migrations")
        }
        #expect(records.count == 2)
        let first = try #require(records.first)
        let bytes = try #require(FileManager.default.contents(atPath: migrations + "/0001_initial.sql"))
        #expect(try first.string(at: 2) == SHA256.hexDigest([UInt8](bytes)))
        #expect(try first.string(at: 3).hasSuffix("Z"))
        #expect(pool.revision == 2)  // one bump per applied migration
    }

    @Test func rerunAppliesNothing() throws {
        let pool = try DatabasePool.temporary()
        let migrator = Migrator(directory: migrations)
        try migrator.migrate(pool)
        let revision = pool.revision
        #expect(try migrator.migrate(pool).isEmpty)
        #expect(pool.revision == revision)

        try writeMigration("0003_more.sql", "CREATE TABLE extra (id INTEGER);")
        #expect(try migrator.migrate(pool).map(\.fileName) == ["0003_more.sql"])
    }

    @Test func changedChecksumIsRefusedNamingFileAndBothChecksums() throws {
        let pool = try DatabasePool.temporary()
        let migrator = Migrator(directory: migrations)
        try migrator.migrate(pool)
        let original = try #require(try MigrationFolder(directory: migrator.directory).load().first).checksum
        try writeMigration("0001_initial.sql", "CREATE TABLE council (id INTEGER PRIMARY KEY);")
        let edited = try #require(try MigrationFolder(directory: migrator.directory).load().first).checksum

        let error = try #require(throws: MigrationError.self) { try migrator.migrate(pool) }
        #expect(error == .checksumMismatch(file: "0001_initial.sql", version: 1, applied: original, current: edited))
        #expect(error.description.contains("0001_initial.sql"))
        #expect(error.description.contains(original))
        #expect(error.description.contains(edited))
    }

    @Test func failingMigrationRollsBackAndStops() throws {
        try writeMigration(
            "0003_broken.sql", "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);")
        try writeMigration("0004_after.sql", "CREATE TABLE after_broken (id INTEGER);")
        let pool = try DatabasePool.temporary()

        let error = try #require(throws: MigrationError.self) { try Migrator(directory: migrations).migrate(pool) }
        guard case .migrationFailed(let file, let version, let message) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(file == "0003_broken.sql")
        #expect(version == 3)
        #expect(message.contains("no such table: no_such_table"))
        #expect(error.description.contains("0003_broken.sql"))

        #expect(try !tableExists("half_done", in: pool))
        #expect(try !tableExists("after_broken", in: pool))
        #expect(try tableExists("council", in: pool))
        let versions = try pool.read { try $0.mapRows("SELECT version FROM schema_migrations") { try $0.int(at: 0) } }
        #expect(versions == [1, 2])
    }

    @Test func scriptThatCommitsItselfIsReported() throws {
        try writeMigration("0003_commits.sql", "CREATE TABLE x (id INTEGER); COMMIT;")
        let pool = try DatabasePool.temporary()
        let error = try #require(throws: MigrationError.self) { try Migrator(directory: migrations).migrate(pool) }
        #expect(error == .transactionControlInScript(file: "0003_commits.sql"))
    }

    @Test(
        "malformed .sql file names are errors naming the file",
        arguments: ["1_short.sql", "0003-dash.sql", "0003_.sql", "abcd_name.sql", "0003_bad name.sql", "0000_zero.sql"])
    func malformedFileName(fileName: String) throws {
        try writeMigration(fileName, "SELECT 1;")
        let error = try #require(throws: MigrationError.self) { try MigrationFolder(directory: migrations).load() }
        guard case .malformedFileName(let file, _) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(file == fileName)
        #expect(error.description.contains(fileName))
    }

    @Test func duplicateVersionIsAnError() throws {
        try writeMigration("0002_other.sql", "SELECT 1;")
        let error = try #require(throws: MigrationError.self) { try MigrationFolder(directory: migrations).load() }
        #expect(error == .duplicateVersion(version: 2, files: ["0002_add_region.sql", "0002_other.sql"]))
    }

    @Test func appliedMigrationMissingFromTheDirectoryIsAnError() throws {
        let pool = try DatabasePool.temporary()
        try Migrator(directory: migrations).migrate(pool)
        try FileManager.default.removeItem(atPath: migrations + "/0002_add_region.sql")
        let error = try #require(throws: MigrationError.self) { try Migrator(directory: migrations).migrate(pool) }
        #expect(error == .appliedMigrationMissing(version: 2, name: "add_region", directory: migrations))
    }

    @Test func missingDirectoryIsAnError() throws {
        let error = try #require(throws: MigrationError.self) {
            try MigrationFolder(directory: directory.file("nowhere")).load()
        }
        guard case .directoryUnreadable = error else {
            Issue.record("unexpected error \(error)")
            return
        }
    }
}
