/// What is running: the API's version (the one the OpenAPI document states) and the Swift
/// compiler it was built with, as the `council_api_build_info` gauge (always 1) carries them, so
/// a dashboard can tell instances of different builds apart.
enum BuildInfo {
    static let version = "1.0.0"

    static var swiftVersion: String {
        #if swift(>=6.3)
            "6.3"
        #elseif swift(>=6.2)
            "6.2"
        #elseif swift(>=6.1)
            "6.1"
        #else
            "6.0"
        #endif
    }

    static var gauges: [MetricsRegistry.Gauge] {
        [
            .init(
                name: "council_api_build_info", help: "The running build: API version and Swift version; always 1.",
                type: "gauge", labels: "{version=\"\(version)\",swift_version=\"\(swiftVersion)\"}", read: { 1 })
        ]
    }
}
