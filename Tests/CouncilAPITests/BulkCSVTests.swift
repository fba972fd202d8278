import Foundation
import HTTPTestSupport
import StoreTestSupport
import Testing

/// `POST /v1/complaints/bulk` with CSV: a header row naming the fields, one record per row.
@Suite("Bulk upload: CSV")
struct BulkCSVTests {
    static let header =
        "reference,council,received,decided,category,subcategory,outcome,not_for_us_reason,remedy_before_ombudsman,compliance"

    @Test(
        "a CSV upload stores its rows: empty cells are absent, booleans are true/false, quoted commas survive",
        arguments: TestEngine.allCases)
    func csvSuccess(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = [
            Self.header,
            "24 900 001,knowsley,2024-05-01,2024-09-02,Housing,,not_for_us,premature,,",
            #"24900002,E08000012,,2024-10-01,"Planning, development and control",Enforcement,upheld,,false,complied"#,
            "",
            "24-900-003,sefton,2024-06-03,2024-11-04,Education,,assessed_and_closed,,,",
        ].joined(separator: "\r\n")
        let response = try Bulk.upload(api, body, contentType: "text/csv; charset=utf-8")
        #expect(response.status == 200)
        let answer = try api.object(response)
        #expect(answer["lines"] as? Int == 3)
        #expect(answer["created"] as? Int == 3)

        let first = try api.object(try api.get("/v1/complaints/24900001"))
        #expect(first["not_for_us_reason"] as? String == "premature")
        #expect(first["subcategory"] is NSNull)
        let second = try api.object(try api.get("/v1/complaints/24900002"))
        #expect(second["council"] as? String == "liverpool")
        #expect(second["category"] as? String == "Planning, development and control")
        #expect(second["remedy_before_ombudsman"] as? Bool == false)
        #expect(second["compliance"] as? String == "complied")
        #expect(second["received"] is NSNull)
        #expect(try Bulk.isStored(api, 3))

        let again = try api.object(try Bulk.upload(api, body, contentType: "text/csv"))
        #expect(again["unchanged"] as? Int == 3)
    }

    @Test(
        "a bad CSV record is reported with the physical line it starts on, and nothing is written",
        arguments: TestEngine.allCases)
    func csvErrorLine(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = [
            Self.header,
            "24900009,knowsley,,2024-09-02,Housing,,not_upheld,,,",  // line 2: good
            #"24900001,knowsley,,2024-09-02,Housing,"A subcategory"#,  // line 3: a quoted field over two lines, refused
            #"on two lines",not_upheld,,,"#,
            "24900002,knowsley,,2024-13-01,Housing,,not_upheld,,,",  // line 5: no month 13
            "24900003,knowsley,,2024-09-02,Housing,,not_upheld,,yes,",  // line 6: not a boolean
            "24900004,knowsley,,2024-09-02,Housing",  // line 7: too few fields
        ].joined(separator: "\n")
        let response = try Bulk.upload(api, body, contentType: "text/csv")
        #expect(response.status == 422)
        let faults = try Bulk.faults(api, response)
        #expect(faults.map(\.line) == [3, 5, 6, 7])
        #expect(faults.map(\.field) == ["subcategory", "decided", "remedy_before_ombudsman", "line"])
        #expect(try Bulk.isStored(api, 9) == false)
    }

    @Test(
        "a header naming an unknown or server-set column refuses the upload once, on the header's line",
        arguments: TestEngine.allCases)
    func csvUnknownColumns(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body =
            "reference,council,decided,category,outcome,year,colour\n24900001,knowsley,2024-09-02,Housing,not_upheld,2024-25,red\n"
        let response = try Bulk.upload(api, body, contentType: "text/csv", query: "?mode=partial")
        #expect(response.status == 422)
        let faults = try Bulk.faults(api, response)
        #expect(faults.map(\.field) == ["year", "colour"])
        #expect(faults.map(\.line) == [1, 1])
        #expect(try Bulk.isStored(api, 1) == false)
    }

    @Test(
        "broken quoting refuses the whole upload, even in partial mode, since the rows after it cannot be told apart",
        arguments: TestEngine.allCases)
    func csvBrokenQuoting(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let body = [
            "reference,council,decided,category,outcome",
            "24900001,knowsley,2024-09-02,Housing,not_upheld",
            #"24900002,knowsley,2024-09-02,"Hous"ing,not_upheld"#,
            "24900003,knowsley,2024-09-02,Housing,not_upheld",
        ].joined(separator: "\n")
        let response = try Bulk.upload(api, body, contentType: "text/csv", query: "?mode=partial")
        #expect(response.status == 422)
        #expect(try Bulk.faults(api, response).map(\.line) == [3])
        #expect(try Bulk.isStored(api, 1) == false)
    }

    @Test("a CSV with only its header holds no complaint", arguments: TestEngine.allCases)
    func csvHeaderOnly(engine: TestEngine) throws {
        let api = try Bulk.api(engine: engine)
        let response = try Bulk.upload(api, Self.header + "\n", contentType: "text/csv")
        #expect(response.status == 422)
        #expect((try api.object(response)["detail"] as? String)?.contains("no complaints") == true)
    }
}
