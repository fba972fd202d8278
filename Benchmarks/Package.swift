// swift-tools-version: 6.0
// The measuring stick of scripts/bench-http.sh and scripts/profile-http.sh: a Hummingbird 2
// server answering the same routes' shape as council-api. A package of its own so that the
// product never depends on Hummingbird or SwiftNIO; only those scripts build it.
import PackageDescription

let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLitePeer", path: "Sources/CSQLitePeer"),
        .executableTarget(
            name: "hummingbird-peer",
            dependencies: [
                "CSQLitePeer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/HummingbirdPeer"
        ),
    ],
    swiftLanguageModes: [.v6]
)
