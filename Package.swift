// swift-tools-version:6.0
import PackageDescription

/// council-api: an HTTP JSON API for the complaint statistics the Local Government and
/// Social Care Ombudsman publishes about English councils.
///
/// Modules are cut by concern, and each depends only on what it must:
/// - `HTTPServer` is a general HTTP/1.1 server on POSIX sockets, epoll and Dispatch; it knows nothing of councils.
/// - `CLinux` only declares epoll and eventfd, which the Glibc module does not import.
/// - `SQLiteStore` wraps the system SQLite C library; it knows nothing of HTTP or councils.
/// - `Domain` holds the council vocabulary (years, references, outcomes, records) with no I/O at all,
///   so that `Statistics` (pure arithmetic) and `Repositories` (the only SQL) can share it without
///   `Statistics` ever linking the store.
/// - `CouncilAPI` joins them: routes, validation, JSON, CSV and OpenAPI.
let package = Package(
    name: "council-api",
    products: [
        .executable(name: "council-api", targets: ["council-api"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "JSON"),
        .target(name: "CSV"),
        .target(name: "Digests"),
        .target(name: "CLinux"),
        .target(name: "HTTPServer", dependencies: ["CLinux", "JSON"]),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "SQLCore", dependencies: ["Digests"]),
        .target(name: "SQLiteStore", dependencies: ["CSQLite", "SQLCore", "Digests"]),
        .target(name: "PostgresStore", dependencies: ["CLibPQ", "SQLCore", "Digests"]),
        .target(name: "Domain"),
        .target(name: "Statistics", dependencies: ["Domain"]),
        .target(name: "Repositories", dependencies: ["Domain", "SQLCore", "SQLiteStore", "PostgresStore"]),
        .target(
            name: "CouncilAPI",
            dependencies: ["HTTPServer", "Repositories", "Statistics", "Domain", "JSON", "CSV", "Digests"]
        ),
        // The council register import: only the command line uses it, so it is not part of the HTTP API.
        .target(name: "RegisterImport", dependencies: ["CSV", "Domain"]),
        // Test-only helpers (a raw socket client and a live server on port 0) shared by the test targets.
        .target(name: "HTTPTestSupport", dependencies: ["HTTPServer"]),
        // Test-only: the engines a store test runs on, and a fresh store on each.
        .target(name: "StoreTestSupport", dependencies: ["Repositories"]),
        // Test-only: the table of valid and invalid identities that the Domain types and the SQL CHECKs are held to.
        .target(name: "IdentityExamples"),
        .executableTarget(
            name: "council-api",
            dependencies: [
                "CouncilAPI", "HTTPServer", "Repositories", "RegisterImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "CSVTests", dependencies: ["CSV"]),
        .testTarget(name: "DigestsTests", dependencies: ["Digests"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTPTestSupport", "JSON"]),
        .testTarget(name: "SQLiteStoreTests", dependencies: ["SQLiteStore", "SQLCore", "Digests"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "IdentityExamples"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "Domain"]),
        .testTarget(
            name: "RepositoriesTests",
            dependencies: ["Repositories", "SQLCore", "SQLiteStore", "Domain", "StoreTestSupport", "IdentityExamples"]),
        .testTarget(
            name: "CouncilAPITests",
            dependencies: [
                "CouncilAPI", "HTTPServer", "HTTPTestSupport", "Repositories", "SQLiteStore", "Statistics", "Domain",
                "JSON", "CSV", "StoreTestSupport", "RegisterImport",
            ]
        ),
        .testTarget(
            name: "RegisterImportTests",
            dependencies: ["RegisterImport", "Repositories", "Domain", "CSV", "StoreTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
