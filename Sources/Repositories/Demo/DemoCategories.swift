import Domain

/// The Ombudsman's complaint categories with some of their sub-categories, and which of them each
/// type of council answers for: a district has no adult social care, a county no housing.
enum DemoCategories {
    struct Category {
        let name: String
        let subcategories: [String]
        let weight: Int
    }

    static let adultCare = Category(
        name: "Adult care services",
        subcategories: [
            "Assessment and care plan", "Charging", "Residential care", "Domiciliary care", "Safeguarding",
        ],
        weight: 4)
    static let childrensCare = Category(
        name: "Children's care services",
        subcategories: ["Looked after children", "Child protection", "Friends and family carers", "Disabled children"],
        weight: 3)
    static let education = Category(
        name: "Education", subcategories: ["Special educational needs", "School transport", "Alternative provision"],
        weight: 3)
    static let housing = Category(
        name: "Housing", subcategories: ["Homelessness", "Allocations", "Council house repairs"], weight: 3)
    static let planning = Category(
        name: "Planning and development", subcategories: ["Planning applications", "Enforcement"], weight: 2)
    static let highways = Category(
        name: "Highways and transport",
        subcategories: ["Parking penalties", "Highway repair and maintenance", "Blue badges"], weight: 2)
    static let environment = Category(
        name: "Environmental services, public protection and regulation",
        subcategories: ["Refuse and recycling", "Noise", "Antisocial behaviour"], weight: 2)
    static let benefitsAndTax = Category(
        name: "Benefits and tax", subcategories: ["Council tax", "Housing benefit and council tax reduction"],
        weight: 2)
    static let corporate = Category(name: "Corporate and other services", subcategories: ["Land", "Other"], weight: 1)

    static func categories(for type: CouncilType) -> [Category] {
        switch type {
        case .county:
            [adultCare, childrensCare, education, highways, corporate]
        case .district:
            [housing, planning, environment, benefitsAndTax, highways, corporate]
        case .metropolitanBorough, .unitary, .londonBorough:
            [adultCare, childrensCare, education, housing, planning, highways, environment, benefitsAndTax, corporate]
        }
    }
}
