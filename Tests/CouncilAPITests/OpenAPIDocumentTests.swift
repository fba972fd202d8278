import Domain
import Foundation
import JSON
import Statistics
import Testing

@testable import CouncilAPI

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    let document = OpenAPIDocument.build(serverURL: "https://api.example.org")

    // MARK: Document structure

    @Test func serializesAndParsesBack() throws {
        let parsed = try JSONParser.parse(document.serialized(options: .pretty))
        #expect(parsed == document)
        #expect(parsed["openapi"] == "3.1.0")
        #expect(parsed["info"]?["title"] == "council-api")
        #expect(parsed["info"]?["version"] == "1.0.0")
        #expect(parsed["servers"]?[0]?["url"] == "https://api.example.org")
    }

    @Test func writesToAFileThatParsesBack() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(document.serialized(options: .pretty)).write(to: url)
        let parsed = try JSONParser.parse(Array(try Data(contentsOf: url)))
        #expect(parsed == document)
    }

    @Test func serverIsOmittedWhenUnknown() {
        #expect(OpenAPIDocument.build(serverURL: nil)["servers"] == nil)
    }

    @Test func operationsListMatchesPaths() throws {
        let paths = try #require(document["paths"]?.objectValue)
        var documented = Set<String>()
        for (path, item) in paths {
            for method in try #require(item.objectValue).keys {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        let listed = OpenAPIDocument.operations.map { "\($0.method) \($0.path)" }
        #expect(Set(listed).count == listed.count, "an operation is listed twice")
        #expect(Set(listed) == documented)
        #expect(listed.count == 46)
    }

    @Test func operationIdsAreUniqueAndTagsDeclared() throws {
        let declared = Set(OpenAPIDocument.tags.map(\.name))
        var ids = Set<String>()
        for (name, operation) in try allOperations() {
            let id = try #require(operation["operationId"]?.stringValue, "\(name) has no operationId")
            #expect(ids.insert(id).inserted, "operationId \(id) is used twice")
            #expect(operation["summary"]?.stringValue?.isEmpty == false, "\(name) has no summary")
            let tags = try #require(operation["tags"]?.arrayValue, "\(name) has no tags")
            #expect(
                !tags.isEmpty && tags.allSatisfy { declared.contains($0.stringValue ?? "") },
                "\(name) has an undeclared tag")
        }
    }

    @Test func everyReferenceResolves() throws {
        var references: [String] = []
        collectReferences(in: document, into: &references)
        #expect(references.count > 100)
        for reference in Set(references) {
            #expect(resolve(reference) != nil, "\(reference) points nowhere")
        }
    }

    @Test func pathParametersAreDeclared() throws {
        for (name, operation) in try allOperations() {
            let path = String(name.split(separator: " ")[1])
            let templated = path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                String($0.dropFirst().dropLast())
            }
            let declared = (operation["parameters"]?.arrayValue ?? []).compactMap(dereference).filter {
                $0["in"] == "path"
            }
            .compactMap { $0["name"]?.stringValue }
            #expect(declared.sorted() == templated.sorted(), "\(name)")
        }
    }

    // MARK: Responses

    @Test func everyOperationHasASuccessAndTheProblemsItCanMeet() throws {
        for (name, operation) in try allOperations() {
            let responses = try #require(operation["responses"]?.objectValue, "\(name) has no responses")
            let codes = Set(responses.keys)
            #expect(codes.contains { $0.hasPrefix("2") }, "\(name) has no success")
            for code in ["500", "503"] {
                #expect(codes.contains(code), "\(name) lacks \(code)")
            }
            let parameters = (operation["parameters"]?.arrayValue ?? []).compactMap(dereference)
            // 406 exactly where a representation is negotiated (the operations that offer CSV).
            let negotiates = parameters.contains { $0["name"] == "format" }
            #expect(
                codes.contains("406") == negotiates,
                "\(name): 406 documented \(codes.contains("406")), negotiates \(negotiates)")
            if parameters.contains(where: { $0["in"] == "query" || $0["in"] == "path" }) {
                #expect(codes.contains("400"), "\(name) takes parameters but lacks 400")
            }
            if parameters.contains(where: { $0["in"] == "path" }) {
                #expect(codes.contains("404"), "\(name) has path parameters but lacks 404")
            }
            if name.hasPrefix("GET ") {
                // ETagMiddleware tags the data, this document and the problem pages, not health or
                // metrics.
                let conditional =
                    name.hasPrefix("GET /v1/") || name == "GET /openapi.json" || name.hasPrefix("GET /problems/")
                #expect(codes.contains("304") == conditional, "\(name): 304 listed unless conditional")
                #expect(
                    parameters.contains { $0["name"] == "If-None-Match" } == conditional,
                    "\(name): If-None-Match listed unless conditional")
                #expect(operation["security"] == nil, "\(name) is a read but needs a token")
            } else {
                #expect(operation["security"] == [["bearerAuth": []]], "\(name) is a write without bearerAuth")
                for code in ["401", "403"] {
                    #expect(codes.contains(code), "\(name) lacks \(code)")
                }
            }
            if operation["requestBody"] != nil {
                for code in ["413", "415", "422"] {
                    #expect(codes.contains(code), "\(name) lacks \(code)")
                }
            }
            if name.hasPrefix("POST ") {
                #expect(parameters.contains { $0["name"] == "Idempotency-Key" }, "\(name) lacks Idempotency-Key")
                #expect(codes.contains("409"), "\(name) lacks 409")
            }
            for (code, response) in responses where code.hasPrefix("4") || code.hasPrefix("5") {
                let resolved = try #require(dereference(response))
                #expect(
                    resolved["content"]?["application/problem+json"]?["schema"] == [
                        "$ref": "#/components/schemas/Problem"
                    ],
                    "\(name) \(code) is not a problem document")
            }
        }
    }

    @Test func listsArePagedAndOfferCSV() throws {
        for (name, operation) in try allOperations() where name.hasPrefix("GET ") {
            let parameters = (operation["parameters"]?.arrayValue ?? []).compactMap(dereference)
            guard parameters.contains(where: { $0["name"] == "cursor" }) else { continue }
            #expect(parameters.contains { $0["name"] == "limit" }, "\(name)")
            #expect(parameters.contains { $0["name"] == "format" }, "\(name)")
            let ok = try #require(operation["responses"]?["200"])
            #expect(ok["headers"]?["Link"] != nil, "\(name) lacks Link")
            #expect(ok["content"]?["text/csv"] != nil, "\(name) lacks CSV")
            let schema = try #require((ok["content"]?["application/json"]?["schema"]).flatMap(dereference))
            #expect(schema["properties"]?["next_cursor"] != nil, "\(name) answers no next_cursor")
        }
    }

    @Test func writesRequireTheirKeyFieldsAndRefuseUnknownOnes() throws {
        let input = try #require(resolve("#/components/schemas/ComplaintInput"))
        #expect(input["additionalProperties"] == false)
        #expect(input["required"] == ["reference", "council", "decided", "category", "outcome"])
        let valid: JSONValue = [
            "reference": "23-008-737", "council": "knowsley", "decided": "2024-06-30",
            "category": "Adult care services",
            "outcome": "upheld", "compliance": "complied",
        ]
        #expect(check(valid, "ComplaintInput").isEmpty)
        var unknown = try #require(valid.objectValue)
        unknown["demo"] = true
        #expect(!check(.object(unknown), "ComplaintInput").isEmpty)
        var missing = try #require(valid.objectValue)
        missing["outcome"] = nil
        #expect(!check(.object(missing), "ComplaintInput").isEmpty)
        #expect(!check("23 008-737", "CaseReferenceInput").isEmpty)
        #expect(check("23 008 737", "CaseReferenceInput").isEmpty)
    }

    @Test func sortOrdersCoverEveryKeyBothWays() throws {
        let values = try #require(resolve("#/components/schemas/SortOrder")?["enum"]?.arrayValue).compactMap(
            \.stringValue)
        for key in SortKey.allCases {
            #expect(values.contains(key.rawValue) && values.contains("-" + key.rawValue))
            #expect(LeagueOrder(parameter: "-" + key.rawValue) != nil)
        }
        #expect(values.contains("-upheld_rate"))
    }

    // MARK: Schemas against what the API writes

    @Test func recordsMatchTheirSchemas() throws {
        let year = try #require(FinancialYear(startYear: 2024))
        let decided = try #require(CalendarDate(iso: "2024-06-30"))
        let reference = try #require(CaseReference("23008737"))
        let council = Council(
            id: "knowsley", name: "Knowsley Metropolitan Borough Council", shortName: "Knowsley", gssCode: "E08000011",
            type: .metropolitanBorough, region: nil, isDemo: true)
        let bare = Complaint(
            reference: reference, councilID: "knowsley", decided: decided, category: "Housing", outcome: .notUpheld)
        let full = Complaint(
            reference: reference, councilID: "knowsley", received: CalendarDate(iso: "2024-01-02"), decided: decided,
            category: "Housing", subcategory: "Allocations", outcome: .upheld, remedyBeforeOmbudsman: false,
            compliance: .notComplied)
        let notForUs = Complaint(
            reference: reference, councilID: "knowsley", decided: decided, category: "Housing", outcome: .notForUs,
            notForUsReason: .premature)
        let samples: [(JSONValue, String)] = [
            (RecordJSON.council(council), "Council"),
            (
                RecordJSON.council(
                    Council(
                        id: "a-b", name: "A", shortName: "A", gssCode: "E06000001", type: .unitary, region: "North East"
                    )), "Council"
            ),
            (RecordJSON.councilSummary(council), "CouncilSummary"),
            (
                RecordJSON.population(
                    Population(councilID: "knowsley", year: 2023, population: 155_000, source: "ons-mid-2023")),
                "Population"
            ),
            (RecordJSON.complaint(bare), "Complaint"),
            (RecordJSON.complaint(full), "Complaint"),
            (RecordJSON.complaint(notForUs), "Complaint"),
            (
                RecordJSON.report(
                    Report(
                        id: "r1", councilID: "knowsley", title: "T", summary: "S", published: decided,
                        reference: reference, url: "https://example.org/r1")),
                "Report"
            ),
            (
                RecordJSON.report(
                    Report(id: "r2", councilID: "knowsley", title: "T", summary: "S", published: decided)), "Report"
            ),
            (
                RecordJSON.serviceImprovement(
                    ServiceImprovement(
                        reference: reference, councilID: "knowsley", category: "Housing", subcategory: nil,
                        decided: decided,
                        source: .report, actions: ["Remind staff.", "Review the policy."])),
                "ServiceImprovement"
            ),
            (
                RecordJSON.annualLetter(AnnualLetter(councilID: "knowsley", year: year, published: decided)),
                "AnnualLetter"
            ),
            (
                RecordJSON.annualLetter(
                    AnnualLetter(
                        councilID: "knowsley", year: year, published: decided, url: "https://example.org/l",
                        text: "Dear…")),
                "AnnualLetter"
            ),
            (
                RecordJSON.publishedAverage(
                    PublishedAverage(year: year, councilType: .county, metric: .upheldRate, value: 0.81, isDemo: true)),
                "PublishedAverage"
            ),
        ]
        for (value, schema) in samples {
            #expect(check(value, schema) == [], "\(schema): \(value)")
        }
        let page: JSONValue = ["items": [RecordJSON.complaint(full)], "next_cursor": "AQZ0ZXN0"]
        #expect(check(page, "ComplaintPage") == [])
    }

    @Test func statisticsMatchTheirSchemas() throws {
        let year = try #require(FinancialYear(startYear: 2024))
        let council = Council(
            id: "knowsley", name: "Knowsley Metropolitan Borough Council", shortName: "Knowsley", gssCode: "E08000011",
            type: .metropolitanBorough, region: "North West")
        let busy = CouncilFigures(
            tally: DecisionTally(
                councilID: "knowsley", year: year, notForUs: 3, assessedAndClosed: 2, upheld: 4, notUpheld: 1,
                remediedBeforeOmbudsman: 1, complied: 3, notComplied: 0),
            population: Population(councilID: "knowsley", year: 2023, population: 155_000, source: "ons-mid-2023"))
        let quiet = CouncilFigures(tally: DecisionTally(councilID: "wirral", year: year, notForUs: 1), population: nil)
        let averages = GroupAverages(councilType: .metropolitanBorough, year: year, members: [busy, quiet])
        let published = PublishedComparison(
            councilType: .metropolitanBorough, year: year,
            from: [PublishedAverage(year: year, councilType: .metropolitanBorough, metric: .upheldRate, value: 0.8)])

        for figures in [busy, quiet] {
            for comparison in [published, nil] {
                let overview = StatisticsJSON.overview(
                    council: council, figures: figures, averages: averages, published: comparison)
                #expect(check(overview, "Overview") == [], "\(overview)")
            }
            var item = StatisticsJSON.figures(figures)
            item["comparison"] = StatisticsJSON.comparison(averages, published: published)
            #expect(check(.object(item), "HistoryItem") == [])
            #expect(check(StatisticsJSON.leagueRow(council: council, figures: figures), "LeagueTableRow") == [])
        }
        // The checker itself is strict: a member the schema does not list, or a missing one, fails.
        var extra = StatisticsJSON.figures(quiet)
        extra["comparison"] = StatisticsJSON.comparison(averages, published: nil)
        extra["surprise"] = 1
        #expect(!check(.object(extra), "HistoryItem").isEmpty)
        extra["surprise"] = nil
        extra["period"] = nil
        #expect(!check(.object(extra), "HistoryItem").isEmpty)
    }

    // MARK: Helpers

    /// Every operation as ("METHOD /path", operation object).
    private func allOperations() throws -> [(String, JSONValue)] {
        let paths = try #require(document["paths"]?.objectValue)
        return paths.flatMap { path, item in
            (item.objectValue ?? JSONObject()).map { ("\($0.key.uppercased()) \(path)", $0.value) }
        }
    }

    private func collectReferences(in value: JSONValue, into references: inout [String]) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                if key == "$ref", let reference = member.stringValue { references.append(reference) }
                collectReferences(in: member, into: &references)
            }
        case .array(let elements):
            for element in elements { collectReferences(in: element, into: &references) }
        default:
            break
        }
    }

    /// The value a local JSON pointer (`#/components/...`) points to.
    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: JSONValue? = document
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            current = current?[name]
        }
        return current
    }

    /// `value`, or what it refers to when it is a reference.
    private func dereference(_ value: JSONValue) -> JSONValue? {
        guard let reference = value["$ref"]?.stringValue else { return value }
        return resolve(reference).flatMap(dereference)
    }

    private func check(_ value: JSONValue, _ schemaName: String) -> [String] {
        SchemaChecker(document: document).errors(
            value, ["$ref": .string("#/components/schemas/\(schemaName)")], at: schemaName)
    }

    /// The subset of JSON Schema this document uses, enough to hold the API's JSON against it.
    /// Stricter than JSON Schema in one way: an object member its schema does not list is an
    /// error, so a member added to the JSON but not to the document is caught.
    private struct SchemaChecker {
        let document: JSONValue

        func errors(_ value: JSONValue, _ schema: JSONValue, at path: String) -> [String] {
            if let reference = schema["$ref"]?.stringValue {
                guard reference.hasPrefix("#/components/schemas/"),
                    let target = document["components"]?["schemas"]?[String(reference.dropFirst(21))]
                else { return ["\(path): unresolved \(reference)"] }
                return errors(value, target, at: path)
            }
            if let options = schema["anyOf"]?.arrayValue {
                return options.contains { errors(value, $0, at: path).isEmpty }
                    ? [] : ["\(path): matches no anyOf option"]
            }
            var found: [String] = []
            if let types = schema["type"] {
                let allowed = types.arrayValue?.compactMap(\.stringValue) ?? [types.stringValue ?? ""]
                guard allowed.contains(where: { matches(value, type: $0) }) else {
                    return ["\(path): \(value) is not \(allowed)"]
                }
            }
            if let values = schema["enum"]?.arrayValue, !values.contains(value) {
                found.append("\(path): \(value) is not one of \(values)")
            }
            if case .string(let text) = value {
                if let pattern = schema["pattern"]?.stringValue, (try? Regex(pattern).firstMatch(in: text)) == nil {
                    found.append("\(path): \(text) does not match \(pattern)")
                }
                if schema["format"] == "date", CalendarDate(iso: text) == nil {
                    found.append("\(path): \(text) is not a date")
                }
            }
            if let number = value.doubleValue, value.boolValue == nil {
                if let minimum = schema["minimum"]?.doubleValue, number < minimum {
                    found.append("\(path): below \(minimum)")
                }
                if let maximum = schema["maximum"]?.doubleValue, number > maximum {
                    found.append("\(path): above \(maximum)")
                }
            }
            if case .object(let object) = value {
                let properties = schema["properties"]?.objectValue ?? JSONObject()
                for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
                where object[required] == nil {
                    found.append("\(path): lacks \(required)")
                }
                for (key, member) in object {
                    guard let propertySchema = properties[key] else {
                        found.append("\(path): \(key) is not documented")
                        continue
                    }
                    found += errors(member, propertySchema, at: "\(path).\(key)")
                }
            }
            if case .array(let elements) = value, let items = schema["items"] {
                for (index, element) in elements.enumerated() {
                    found += errors(element, items, at: "\(path)[\(index)]")
                }
            }
            return found
        }

        private func matches(_ value: JSONValue, type: String) -> Bool {
            switch (type, value) {
            case ("null", .null), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double),
                ("string", .string), ("array", .array), ("object", .object):
                true
            default:
                false
            }
        }
    }
}
