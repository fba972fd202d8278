import HTTPServer
import Repositories
import SQLiteStore
import Testing

@testable import CouncilAPI

/// The OpenAPI document and the router describe the same API: every route is documented and every
/// documented operation is routed, so neither can drift from the other unnoticed.
@Suite("OpenAPI document and router agree")
struct OpenAPIRouterConsistencyTests {
    let routed: Set<String>
    let documented: Set<String>

    init() throws {
        let store = try DataStore.temporary(migrationsDirectory: try DataStore.locateMigrations(explicit: nil))
        let application = CouncilAPIApplication(store: store, configuration: APIConfiguration())
        // The dashboard is a client of the API served beside it, not part of the API.
        routed = Set(
            application.router.routes.filter { !DashboardRoutes.templates.contains($0.template) }
                .map { "\($0.method) \(Self.openAPIPath($0.template))" })
        documented = Set(OpenAPIDocument.operations.map { "\($0.method) \($0.path)" })
    }

    /// `/v1/councils/:council` as OpenAPI writes it: `/v1/councils/{council}`.
    static func openAPIPath(_ template: String) -> String {
        template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }.joined(separator: "/")
    }

    @Test func templatesConvertToOpenAPIPaths() {
        #expect(Self.openAPIPath("/v1/councils/:council/statistics") == "/v1/councils/{council}/statistics")
        #expect(Self.openAPIPath("/healthz") == "/healthz")
    }

    @Test func everyRouteIsDocumented() {
        let undocumented = routed.subtracting(documented)
        #expect(undocumented.isEmpty, "routed but not in the OpenAPI document: \(undocumented.sorted())")
    }

    @Test func everyDocumentedOperationIsRouted() {
        let unrouted = documented.subtracting(routed)
        #expect(unrouted.isEmpty, "documented but not routed: \(unrouted.sorted())")
        #expect(routed == documented)
    }

    /// HEAD and OPTIONS are answered for every path automatically; neither is registered nor documented.
    @Test func automaticMethodsAreNeitherRoutedNorDocumented() {
        for operation in routed.union(documented) {
            #expect(!operation.hasPrefix("HEAD ") && !operation.hasPrefix("OPTIONS "), "\(operation)")
        }
    }
}
