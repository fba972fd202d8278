import JSON

/// Schemas of the answers that are about the service rather than the Ombudsman's data: health
/// checks and the result of a bulk upload.
extension OpenAPIDocument {
    private static let bulkCounts: Properties = [
        ("mode", Schema.enumeration(["atomic", "partial"])),
        ("lines", Schema.count("Complaint records in the upload (blank lines and the CSV header not counted).")),
        ("created", Schema.count()),
        ("updated", Schema.count()),
        ("unchanged", Schema.count()),
        ("failed", Schema.count()),
    ]

    static var serviceSchemas: Properties {
        [
            ("HealthStatus", Schema.object([("status", Schema.enumeration(["ok"]))])),
            ("ReadinessStatus", Schema.object([("status", Schema.enumeration(["ready"]))])),
            ("BulkSummary", Schema.object(bulkCounts, description: "How many lines of an upload had each fate.")),
            (
                "BulkReport",
                Schema.object(
                    bulkCounts + [
                        (
                            "results",
                            Schema.array(
                                Schema.ref("BulkLineResult"),
                                "The failed lines, in upload order: the first 1,000 of them. Lines not listed were stored."
                            )
                        ),
                        ("unlisted_failures", Schema.count("Failed lines beyond those listed in results.")),
                    ],
                    description: "The counts of a partial upload, and its failed lines.")
            ),
            (
                "BulkLineResult",
                Schema.object([
                    ("line", Schema.integer("The 1-based line number in the upload.", minimum: 1)),
                    ("status", Schema.enumeration(["failed"])),
                    ("reference", Schema.nullable(Schema.ref("CaseReference"))),
                    ("errors", Schema.array(Schema.ref("FieldError"), "Why the line failed.")),
                ])
            ),
        ]
    }
}
