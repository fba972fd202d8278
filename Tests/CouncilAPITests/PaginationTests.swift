import Domain
import Foundation
import HTTPTestSupport
import Repositories
import StoreTestSupport
import Testing

/// Keyset pagination seen by a client: following the cursor (or the Link header) visits every
/// record once, and rows written between page fetches neither repeat nor hide the rows that were
/// already there.
@Suite struct PaginationTests {
    @Test(arguments: TestEngine.allCases) func followingNextCursorVisitsEveryDecisionOnce(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let references = try api.allComplaintReferences(query: "limit=100")
        #expect(references.count > 1000, "the demo data should span many pages")
        #expect(Set(references).count == references.count, "a reference came twice")
        var stored: [String] = []
        var page = try api.store.complaints.list(page: PageRequest(limit: PageRequest.maximumLimit))
        while true {
            stored += page.items.map(\.reference.published)
            guard let next = page.next else { break }
            page = try api.store.complaints.list(page: PageRequest(limit: PageRequest.maximumLimit, after: next))
        }
        #expect(references == stored)
    }

    @Test(arguments: TestEngine.allCases) func theLinkHeaderLeadsThroughTheSamePages(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        var target = "/v1/complaints?council=knowsley&limit=25"
        var references: [String] = []
        var pages = 0
        while true {
            let response = try api.get(target)
            try #require(response.status == 200)
            pages += 1
            references += try api.items(response).compactMap { $0["reference"] as? String }
            let cursor = try api.object(response)["next_cursor"] as? String
            guard let link = response.header("Link") else {
                #expect(cursor == nil, "a next_cursor without a Link header")
                break
            }
            let next = try #require(cursor, "a Link header without next_cursor")
            // <path?query>; rel="next", keeping the filters and limit.
            #expect(link.hasSuffix(">; rel=\"next\""))
            target = String(link.dropFirst().prefix { $0 != ">" })
            #expect(target.hasPrefix("/v1/complaints?"))
            #expect(target.contains("council=knowsley") && target.contains("limit=25"))
            #expect(target.hasSuffix("cursor=\(next)"))
        }
        #expect(pages > 1)
        #expect(references == (try api.allComplaintReferences(query: "council=knowsley&limit=25")))
        #expect(Set(references).count == references.count)
    }

    @Test(arguments: TestEngine.allCases) func theLastPageHasNoCursorAndNoLink(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let response = try api.get("/v1/councils?limit=100")
        #expect(response.header("Link") == nil)
        #expect(try api.object(response)["next_cursor"] is NSNull)
    }

    /// Between page fetches, decisions are stored on both sides of the cursor (newest first, by
    /// decided then reference). Rows before the cursor must not appear (they would be duplicates of
    /// a position already passed); rows after it must; every row there before is seen exactly once.
    @Test(arguments: TestEngine.allCases) func insertsBetweenPagesNeitherRepeatNorHideRows(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        let query = "council=knowsley&limit=20"
        let before = try api.allComplaintReferences(query: query)
        #expect(before.count > 60)

        let firstPage = try api.get("/v1/complaints?\(query)")
        var seen = try api.items(firstPage).compactMap { $0["reference"] as? String }
        var cursor = try #require(try api.object(firstPage)["next_cursor"] as? String)
        let last = try #require(try api.items(firstPage).last)
        let lastDecidedText = try #require(last["decided"] as? String)
        let lastDecided = try #require(CalendarDate(iso: lastDecidedText))
        let lastReference = try #require(last["reference"] as? String)

        let newer = [
            try decision("24999101", decided: lastDecided.adding(days: 1).iso),
            try decision("99999999", decided: lastDecided.iso),  // same day, greater reference: sorts first
        ]
        let older = [
            try decision("00000001", decided: lastDecided.iso),  // same day, smaller reference: just after
            // Older than anything of the demo data: after wherever the cursor will be.
            try decision("17999102", decided: "2017-02-01"),
            try decision("15999103", decided: "2016-05-01"),
        ]
        for inserted in newer + older {
            #expect(try api.store.complaints.complaint(inserted.reference) == nil, "\(inserted.reference) is demo data")
        }
        #expect(lastReference != "99 999 999" && lastReference != "00 000 001")

        var insertedAfterPage = 0
        while true {
            // A new row on each side of the cursor before every page.
            if insertedAfterPage < newer.count {
                try api.store.complaints.upsert(newer[insertedAfterPage])
                try api.store.complaints.upsert(older[insertedAfterPage])
                insertedAfterPage += 1
            } else if insertedAfterPage == newer.count {
                try api.store.complaints.upsert(older[insertedAfterPage])
                insertedAfterPage += 1
            }
            let page = try api.get("/v1/complaints?\(query)&cursor=\(cursor)")
            try #require(page.status == 200, "\(page.text)")
            seen += try api.items(page).compactMap { $0["reference"] as? String }
            guard let next = try api.object(page)["next_cursor"] as? String else { break }
            cursor = next
        }

        #expect(Set(seen).count == seen.count, "a reference came twice")
        for reference in before {
            #expect(seen.filter { $0 == reference }.count == 1, "\(reference) was skipped")
        }
        for inserted in newer {
            #expect(!seen.contains(inserted.reference.published), "\(inserted.reference) sorts before the cursor")
        }
        for inserted in older {
            #expect(seen.contains(inserted.reference.published), "\(inserted.reference) sorts after the cursor")
        }
        #expect(seen.count == before.count + older.count)
    }

    @Test(arguments: TestEngine.allCases) func inMemoryListsPageToo(engine: TestEngine) throws {
        let api = try LiveAPI(engine: engine)
        var target = "/v1/published-averages?limit=3"
        var keys: [String] = []
        while true {
            let response = try api.get(target)
            try #require(response.status == 200)
            keys += try api.items(response).map {
                "\($0["year"] ?? "")/\($0["council_type"] ?? "")/\($0["metric"] ?? "")"
            }
            guard let cursor = try api.object(response)["next_cursor"] as? String else { break }
            target = "/v1/published-averages?limit=3&cursor=\(cursor)"
        }
        #expect(keys.count > 3)
        #expect(Set(keys).count == keys.count)
        let all = try api.items(try api.get("/v1/published-averages?limit=100"))
        #expect(keys.count == all.count)
    }
}
