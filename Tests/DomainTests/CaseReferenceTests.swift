import Domain
import Testing

@Suite struct CaseReferenceTests {
    @Test(arguments: ["23 008 737", "23008737", "23-008-737", " 23 008 737 "])
    func everySpellingIsOneReference(_ text: String) throws {
        let reference = try #require(CaseReference(text))
        #expect(reference.normalized == "23008737")
        #expect(reference.published == "23 008 737")
        #expect(reference.openedYear == 2023)
    }

    @Test(arguments: [
        "23 008 73", "230087370", "23-008 737", "23  008 737", "2300873a", "", "23 0087 37",
        "٢٣٠٠٨٧٣٧",
    ])
    func refusesMalformedReferences(_ text: String) {
        #expect(CaseReference(text) == nil)
    }
}
