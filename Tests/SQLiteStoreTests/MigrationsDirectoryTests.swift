import Foundation
import SQLCore
import SQLiteStore
import Testing

struct MigrationsDirectoryTests {
    let root: TemporaryDirectory

    init() throws {
        root = try TemporaryDirectory()
    }

    private func makeMigrationsFolder(at path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data("SELECT 1;".utf8).write(to: URL(fileURLWithPath: path + "/0001_initial.sql"))
    }

    @Test func explicitPathWinsAndMustExist() throws {
        let explicit = root.file("custom")
        try makeMigrationsFolder(at: explicit)
        #expect(
            try MigrationsDirectory.locate(
                explicit: explicit, environment: ["MIGRATIONS_PATH": "/elsewhere"], currentDirectory: "/",
                executablePath: nil) == explicit)
        let error = try #require(throws: MigrationError.self) {
            try MigrationsDirectory.locate(
                explicit: root.file("absent"), environment: [:], currentDirectory: root.path, executablePath: nil)
        }
        #expect(error.description.contains(root.file("absent")))
    }

    @Test func environmentVariableComesNext() throws {
        let fromEnvironment = root.file("env")
        try makeMigrationsFolder(at: fromEnvironment)
        try makeMigrationsFolder(at: root.file("Migrations"))
        #expect(
            try MigrationsDirectory.locate(
                explicit: nil, environment: ["MIGRATIONS_PATH": fromEnvironment], currentDirectory: root.path,
                executablePath: nil) == fromEnvironment)
    }

    @Test func currentDirectoryThenExecutableAncestors() throws {
        try makeMigrationsFolder(at: root.file("repo/Migrations"))
        let binary = root.file("repo/.build/x86_64-unknown-linux-gnu/debug/council-api")
        #expect(
            try MigrationsDirectory.locate(
                explicit: nil, environment: [:], currentDirectory: root.file("repo"), executablePath: "/usr/bin/x")
                == root.file("repo/Migrations"))
        #expect(
            try MigrationsDirectory.locate(
                explicit: nil, environment: [:], currentDirectory: "/", executablePath: binary)
                == root.file("repo/Migrations"))
    }

    @Test func binaryBesideTheFolderAsInTheContainer() throws {
        try makeMigrationsFolder(at: root.file("app/Migrations"))
        #expect(
            try MigrationsDirectory.locate(
                explicit: nil, environment: [:], currentDirectory: "/", executablePath: root.file("app/council-api"))
                == root.file("app/Migrations"))
    }

    @Test func folderWithoutTheFirstMigrationIsSkipped() throws {
        try FileManager.default.createDirectory(
            atPath: root.file("repo/.build/Migrations"), withIntermediateDirectories: true)
        try makeMigrationsFolder(at: root.file("repo/Migrations"))
        #expect(
            try MigrationsDirectory.locate(
                explicit: nil, environment: [:], currentDirectory: "/",
                executablePath: root.file("repo/.build/debug/council-api")) == root.file("repo/Migrations"))
    }

    @Test func notFoundListsEveryPlaceSearched() throws {
        let error = try #require(throws: MigrationError.self) {
            try MigrationsDirectory.locate(
                explicit: nil, environment: [:], currentDirectory: root.file("cwd"),
                executablePath: root.file("a/b/tool"))
        }
        guard case .directoryNotFound(let searched) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(searched.first == root.file("cwd/Migrations"))
        #expect(searched.contains(root.file("a/b/Migrations")))
        #expect(searched.contains(root.file("a/Migrations")))
        #expect(searched.last == "/Migrations")
        #expect(error.description.contains(root.file("a/b/Migrations")))
    }
}
