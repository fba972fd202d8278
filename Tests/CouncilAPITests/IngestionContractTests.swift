import Domain
import HTTPServer
import JSON
import Repositories
import SQLiteStore
import Testing

@testable import CouncilAPI

/// The write routes the application serves and the ones the OpenAPI document describes are the same.
@Suite struct IngestionContractTests {
    /// Documented but served by another part of the API (the bulk loader), not by the write routes here.
    static let servedElsewhere: Set<String> = ["POST /v1/complaints/bulk"]

    @Test func everyWriteRouteIsDocumentedAndEveryDocumentedWriteIsRouted() throws {
        let store = try DataStore.temporary(migrationsDirectory: try DataStore.locateMigrations(explicit: nil))
        let application = CouncilAPIApplication(store: store, configuration: APIConfiguration())
        let routed = Set(
            application.router.routes.filter { $0.method != .get }.map { route in
                let path = route.template.split(separator: "/").map { segment in
                    segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
                }
                return "\(route.method) /\(path.joined(separator: "/"))"
            })
        let documented = Set(OpenAPIDocument.writeOperations.map { "\($0.method) \($0.path)" })
        #expect(routed.subtracting(documented).isEmpty, "routed but undocumented: \(routed.subtracting(documented))")
        let missing = documented.subtracting(routed).subtracting(Self.servedElsewhere)
        #expect(missing.isEmpty, "documented but not routed: \(missing)")
    }

    @Test func inputFieldNamesAreTheDocumentedInputMembers() throws {
        let document = OpenAPIDocument.build(serverURL: nil)
        let inputs: [(String, [String])] = [
            ("ComplaintInput", ComplaintInput.fieldNames), ("CouncilInput", CouncilInput.fieldNames),
            ("PopulationInput", PopulationInput.fieldNames), ("ReportInput", ReportInput.fieldNames),
            ("ServiceImprovementInput", ServiceImprovementInput.fieldNames),
            ("AnnualLetterInput", AnnualLetterInput.fieldNames),
            ("PublishedAverageInput", PublishedAverageInput.fieldNames),
        ]
        for (name, fields) in inputs {
            let properties = try #require(document["components"]?["schemas"]?[name]?["properties"]?.objectValue)
            #expect(properties.keys == fields, "\(name)")
        }
    }
}
