import Testing

@testable import JSON

@Suite("JSONValue and JSONObject")
struct JSONValueTests {
    @Test("literals build the value a handler means")
    func literals() {
        let value: JSONValue = [
            "status": "ok", "count": 3, "rate": nil, "ratio": 0.5, "flag": true, "tags": ["a", "b"],
        ]
        let expected = JSONValue.object(
            JSONObject([
                ("status", .string("ok")), ("count", .int(3)), ("rate", .null), ("ratio", .double(0.5)),
                ("flag", .bool(true)), ("tags", .array([.string("a"), .string("b")])),
            ]))
        #expect(value == expected)
        let council = "Leeds"
        let interpolated: JSONValue = "council \(council)"
        #expect(interpolated == .string("council Leeds"))
    }

    @Test("accessors answer nil on a type mismatch")
    func accessors() {
        let value: JSONValue = ["name": "Bath", "count": 7, "rate": 2.5, "whole": 4.0, "open": false, "list": [1, 2]]
        #expect(value["name"]?.stringValue == "Bath")
        #expect(value["count"]?.int64Value == 7)
        #expect(value["count"]?.intValue == 7)
        #expect(value["count"]?.doubleValue == 7.0)
        #expect(value["rate"]?.doubleValue == 2.5)
        #expect(value["rate"]?.int64Value == nil)
        #expect(value["whole"]?.int64Value == 4)
        #expect(value["open"]?.boolValue == false)
        #expect(value["list"]?.arrayValue?.count == 2)
        #expect(value["list"]?[1] == .int(2))
        #expect(value["list"]?[2] == nil)
        #expect(value["list"]?[-1] == nil)
        #expect(value["missing"] == nil)
        #expect(value["name"]?.int64Value == nil)
        #expect(value["count"]?.stringValue == nil)
        #expect(value.objectValue?.count == 6)
        #expect(JSONValue.null.isNull)
        #expect(!JSONValue.int(0).isNull)
        #expect(JSONValue.double(.nan).int64Value == nil)
        #expect(JSONValue.double(1e30).int64Value == nil)
        #expect(JSONValue.string("x")["key"] == nil)
    }

    @Test("optional-mapping initialisers turn nil into null")
    func optionalInitialisers() {
        let missingRate: Double? = nil
        let someRate: Double? = 1.25
        let missingName: String? = nil
        let count: Int? = 3
        let total: Int64? = nil
        let flag: Bool? = true
        #expect(JSONValue(missingRate) == .null)
        #expect(JSONValue(someRate) == .double(1.25))
        #expect(JSONValue(missingName) == .null)
        #expect(JSONValue(count) == .int(3))
        #expect(JSONValue(total) == .null)
        #expect(JSONValue(flag) == .bool(true))
        let plainCount = 12
        let plainRate = 0.75
        #expect(JSONValue(plainCount) == .int(12))
        #expect(JSONValue(plainRate) == .double(0.75))
        #expect(JSONValue("name") == .string("name"))
    }

    @Test("objects keep insertion order; equality ignores it")
    func objectOrder() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 10
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["b"] == .int(10))
        #expect(object == ["a": 2, "c": 3, "b": 10])
        #expect(object != ["a": 2, "c": 3])
        #expect(object != ["a": 2, "c": 3, "b": 11])
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        object["n"] = .null
        #expect(object["n"] == .null)
        #expect(object.contains(key: "n"))
        #expect(object.removeValue(forKey: "zzz") == nil)
    }

    @Test("repeated keys keep the first position and the last value")
    func repeatedKeysInInitialiser() {
        let object = JSONObject([("x", 1), ("y", 2), ("x", 3)])
        #expect(object.keys == ["x", "y"])
        #expect(object["x"] == .int(3))
    }

    @Test("large objects stay correct across the index threshold", arguments: [5, 12, 13, 40, 300])
    func largeObjects(size: Int) {
        var object = JSONObject()
        for number in 0..<size {
            object["k\(number)"] = .int(Int64(number))
        }
        #expect(object.count == size)
        for number in 0..<size {
            #expect(object["k\(number)"] == .int(Int64(number)))
        }
        #expect(object["k\(size)"] == nil)
        // Removing from the middle must keep later lookups right (the index is rebuilt).
        object["k2"] = nil
        #expect(object["k2"] == nil)
        #expect(object["k\(size - 1)"] == .int(Int64(size - 1)))
        #expect(object.keys.first == "k0")
        object["k2"] = "back"
        #expect(object.keys.last == "k2")
        #expect(object["k2"] == "back")
        #expect(Array(object.map(\.key)) == object.keys)
    }
}
