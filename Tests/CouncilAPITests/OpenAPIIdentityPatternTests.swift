import Domain
import JSON
import Testing

@testable import CouncilAPI

/// Every pattern the OpenAPI document publishes for an identity is the `Domain` type's own, so a
/// client validating against the document and the server's input checks cannot disagree.
@Suite struct OpenAPIIdentityPatternTests {
    let document = OpenAPIDocument.build(serverURL: nil)

    private func schema(_ name: String) -> JSONValue? {
        document["components"]?["schemas"]?[name]
    }

    @Test func identitySchemasCarryTheDomainPatterns() {
        #expect(schema("CouncilID")?["pattern"] == .string(CouncilID.pattern))
        #expect(schema("CouncilID")?["maxLength"] == .int(Int64(CouncilID.maxLength)))
        #expect(schema("GSSCode")?["pattern"] == .string(GSSCode.pattern))
        #expect(schema("CaseReference")?["pattern"] == .string(CaseReference.publishedPattern))
        #expect(schema("CaseReferenceInput")?["pattern"] == .string(CaseReference.inputPattern))
        #expect(schema("ReportID")?["pattern"] == .string(ReportID.pattern))
        #expect(schema("ReportID")?["maxLength"] == .int(Int64(ReportID.maxLength)))
    }

    /// The records and inputs refer to those schemas rather than spelling a pattern of their own.
    @Test func recordsAndInputsReferToTheIdentitySchemas() {
        let reference = { (name: String) -> JSONValue in ["$ref": .string("#/components/schemas/\(name)")] }
        #expect(schema("Report")?["properties"]?["id"] == reference("ReportID"))
        #expect(schema("Council")?["properties"]?["id"] == reference("CouncilID"))
        #expect(schema("Council")?["properties"]?["gss_code"] == reference("GSSCode"))
        #expect(schema("Complaint")?["properties"]?["reference"] == reference("CaseReference"))
        #expect(schema("ComplaintInput")?["properties"]?["reference"] == reference("CaseReferenceInput"))
        // Nullable in place (`"type": ["string", "null"]`), so the pattern is spelt here, from the type.
        #expect(schema("ReportInput")?["properties"]?["id"]?["pattern"] == .string(ReportID.pattern))
    }
}
