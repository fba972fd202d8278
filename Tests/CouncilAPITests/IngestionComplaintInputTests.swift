import Domain
import HTTPServer
import JSON
import Testing

@testable import CouncilAPI

/// The complaint decoder on its own, in both the JSON and the CSV-row form, with an in-memory
/// council directory: the rules themselves, without a server.
@Suite struct IngestionComplaintInputTests {
    static let today = CalendarDate(year: 2025, month: 3, day: 31) ?? CalendarDate(daysSinceEpoch: 0)
    static let knowsley = Council(
        id: "knowsley", name: "Knowsley Metropolitan Borough Council", shortName: "Knowsley", gssCode: "E08000011",
        type: .metropolitanBorough, region: "North West")
    let context = InputContext(today: today, councils: CouncilSnapshot([knowsley]))

    static let valid: JSONObject = [
        "reference": "23-008-737", "council": "knowsley", "received": "2024-05-01", "decided": "2024-06-30",
        "category": "Adult care services", "subcategory": "Residential care", "outcome": "upheld",
        "remedy_before_ombudsman": false, "compliance": "complied",
    ]

    func errors(_ fields: InputFields) throws -> [FieldError] {
        do {
            _ = try ComplaintInput.decode(fields, in: context)
            return []
        } catch let error as InputErrors {
            return error.errors
        }
    }

    @Test func validObjectBecomesAComplaint() throws {
        let complaint = try ComplaintInput.decode(Self.valid, in: context)
        #expect(complaint.reference.published == "23 008 737")
        #expect(complaint.councilID == "knowsley")
        #expect(complaint.decided == CalendarDate(year: 2024, month: 6, day: 30))
        #expect(complaint.outcome == .upheld)
        #expect(complaint.remedyBeforeOmbudsman == false)
        #expect(complaint.compliance == .complied)
        #expect(!complaint.isDemo)
    }

    @Test func gssCodeIsStoredAsTheCouncilID() throws {
        var object = Self.valid
        object["council"] = "e08000011"
        #expect(try ComplaintInput.decode(object, in: context).councilID == "knowsley")
    }

    @Test func csvRowWithEmptyCellsAndTextBooleans() throws {
        let row = [
            "reference": "23008737", "council": "knowsley", "received": "", "decided": "2024-06-30",
            "category": "Housing", "subcategory": "", "outcome": "upheld", "not_for_us_reason": "",
            "remedy_before_ombudsman": "true", "compliance": "",
        ]
        let complaint = try ComplaintInput.decode(row: row, in: context)
        #expect(complaint.received == nil)
        #expect(complaint.subcategory == nil)
        #expect(complaint.remedyBeforeOmbudsman == true)
        #expect(complaint.compliance == nil)
    }

    @Test func csvRowRefusesABadBooleanAndAnUnknownColumn() throws {
        let row = [
            "reference": "23008737", "council": "knowsley", "decided": "2024-06-30", "category": "Housing",
            "outcome": "upheld", "remedy_before_ombudsman": "yes", "colour": "red",
        ]
        let fields = try errors(.text(row)).map(\.field)
        #expect(Set(fields) == ["remedy_before_ombudsman", "colour"])
    }

    @Test func everyFaultIsListedAtOnce() throws {
        let object: JSONObject = [
            "reference": "2300873", "council": "nowhere", "decided": "2024-02-30", "category": 7,
            "outcome": "won", "year": "2024-25", "extra": true,
        ]
        let fields = Set(try errors(.json(object)).map(\.field))
        #expect(fields == ["reference", "council", "decided", "category", "outcome", "year", "extra"])
    }

    @Test func readOnlyFieldsSayTheServerSetsThem() throws {
        var object = Self.valid
        object["demo"] = false
        let found = try errors(.json(object))
        #expect(found.count == 1)
        #expect(found.first?.field == "demo")
        #expect(found.first?.message.contains("set by the server") == true)
    }

    @Test func combinationsFollowTheOutcome() throws {
        var object = Self.valid
        object["outcome"] = "not_upheld"
        object["not_for_us_reason"] = "premature"
        let fields = Set(try errors(.json(object)).map(\.field))
        #expect(fields == ["remedy_before_ombudsman", "compliance", "not_for_us_reason"])
    }

    @Test func decidedNotInTheFutureNorBeforeReceived() throws {
        var object = Self.valid
        object["decided"] = "2025-04-01"
        #expect(try errors(.json(object)).map(\.field) == ["decided"])
        object["decided"] = "2024-04-30"
        let found = try errors(.json(object))
        #expect(found.map(\.field) == ["decided"])
        #expect(found.first?.message.contains("received") == true)
    }
}
