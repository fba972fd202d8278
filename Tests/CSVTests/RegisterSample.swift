/// Lines shaped like the council register export: quoted names with commas, empty fields, floats,
/// a doubled quote and a note that spans two lines.
enum RegisterSample {
    static let text =
        "Council name,Authority type,Region,ONS code,Population 2021,Complaints,Upheld rate,Notes\r\n"
        + "Bath and North East Somerset Council,Unitary,South West,E06000022,193400,55,0.71,\r\n"
        + "\"Bristol, City of\",Unitary,South West,E06000023,472400,160,0.6875,\"Includes \"\"special\"\" cases\"\r\n"
        + "\"Herefordshire, County of\",Unitary,West Midlands,E06000019,187100,,,\"Line one\r\nline two\"\r\n"
        + "Isles of Scilly,Unitary,South West,E06000053,2100,0,,\r\n"
        + "\"Kingston upon Hull, City of\",Unitary,\"Yorkshire and The Humber\",E06000010,267000,88,2.6238e-1,\"\"\r\n"

    static let expected: [CSVRecordShape] = [
        .init(
            line: 1,
            fields: [
                "Council name", "Authority type", "Region", "ONS code", "Population 2021", "Complaints", "Upheld rate",
                "Notes",
            ]),
        .init(
            line: 2,
            fields: [
                "Bath and North East Somerset Council", "Unitary", "South West", "E06000022", "193400", "55", "0.71",
                "",
            ]),
        .init(
            line: 3,
            fields: [
                "Bristol, City of", "Unitary", "South West", "E06000023", "472400", "160", "0.6875",
                "Includes \"special\" cases",
            ]),
        .init(
            line: 4,
            fields: [
                "Herefordshire, County of", "Unitary", "West Midlands", "E06000019", "187100", "", "",
                "Line one\r\nline two",
            ]),
        .init(line: 6, fields: ["Isles of Scilly", "Unitary", "South West", "E06000053", "2100", "0", "", ""]),
        .init(
            line: 7,
            fields: [
                "Kingston upon Hull, City of", "Unitary", "Yorkshire and The Humber", "E06000010", "267000", "88",
                "2.6238e-1", "",
            ]),
    ]
}

struct CSVRecordShape: Sendable {
    let line: Int
    let fields: [String]
}
