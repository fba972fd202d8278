import Domain

/// The real councils the demo data is about, as the register (mySociety's
/// `uk_local_authorities_current.csv`, v1.7.3) lists them: slug, official and short names, GSS
/// code, type, region and ONS mid-2020 population. They are real, so `isDemo` is false; only
/// the decisions invented for them are demo data.
enum DemoCouncils {
    struct Entry {
        let council: Council
        let population2020: Int
    }

    static let knowsleyID = "knowsley"

    static let entries: [Entry] = [
        entry(
            "knowsley", "Knowsley Metropolitan Borough Council", "Knowsley", "E08000011", .metropolitanBorough,
            "North West", 152_452),
        entry(
            "liverpool", "Liverpool City Council", "Liverpool", "E08000012", .metropolitanBorough,
            "North West", 500_474),
        entry(
            "sefton", "Sefton Metropolitan Borough Council", "Sefton", "E08000014", .metropolitanBorough,
            "North West", 275_899),
        entry(
            "lancashire", "Lancashire County Council", "Lancashire", "E10000017", .county,
            "North West", 1_227_076),
        entry(
            "crawley", "Crawley Borough Council", "Crawley", "E07000226", .district,
            "South East", 112_474),
        entry(
            "york", "City of York Council", "York", "E06000014", .unitary,
            "Yorkshire and The Humber", 211_012),
        entry(
            "camden", "London Borough of Camden", "Camden", "E09000007", .londonBorough,
            "London", 279_516),
    ]

    static var councils: [Council] { entries.map(\.council) }

    static var populations: [Population] {
        entries.map {
            Population(councilID: $0.council.id, year: 2020, population: $0.population2020, source: "ons-mid-2020")
        }
    }

    private static func entry(
        _ id: String, _ name: String, _ shortName: String, _ gssCode: String, _ type: CouncilType, _ region: String,
        _ population: Int
    ) -> Entry {
        Entry(
            council: Council(id: id, name: name, shortName: shortName, gssCode: gssCode, type: type, region: region),
            population2020: population)
    }
}
