import Testing

@testable import CouncilAPI

@Suite struct RevisionMemoTests {
    @Test func reusesAValueOnlyWhileTheRevisionStands() {
        let memo = RevisionMemo<String, Int>(capacity: 4)
        var computed = 0
        func value(_ key: String, _ revision: Int64) -> Int {
            memo.value(for: key, revision: revision) {
                computed += 1
                return computed
            }
        }
        #expect(value("a", 1) == 1)
        #expect(value("a", 1) == 1, "same revision: no recomputation")
        #expect(value("a", 2) == 2, "a write moved the revision on")
        #expect(value("b", 2) == 3)
        #expect(computed == 3)
    }

    @Test func staysWithinCapacity() {
        let memo = RevisionMemo<Int, Int>(capacity: 2)
        var computed = 0
        for key in 0..<10 {
            _ = memo.value(for: key, revision: 1) {
                computed += 1; return key
            }
        }
        _ = memo.value(for: 9, revision: 1) {
            computed += 1; return 9
        }
        #expect(computed == 10, "the most recent key survives eviction")
    }
}
