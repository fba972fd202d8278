import Testing

@testable import HTTPServer

@Suite("Request target")
struct RequestTargetTests {
    @Test func originFormPathAndSegments() throws {
        let target = try RequestTarget("/v1/councils/knowsley", method: .get)
        #expect(target.form == .origin)
        #expect(target.path == "/v1/councils/knowsley")
        #expect(target.pathSegments == ["v1", "councils", "knowsley"])
        #expect(target.query.isEmpty)
    }

    @Test func rootHasNoSegments() throws {
        let target = try RequestTarget("/", method: .get)
        #expect(target.path == "/")
        #expect(target.pathSegments == [])
    }

    @Test func trailingSlashIsDroppedFromSegmentsButKeptInPath() throws {
        let target = try RequestTarget("/councils/", method: .get)
        #expect(target.path == "/councils/")
        #expect(target.pathSegments == ["councils"])
    }

    @Test func emptyInnerSegmentsAreKept() throws {
        let target = try RequestTarget("/a//b", method: .get)
        #expect(target.path == "/a//b")
        #expect(target.pathSegments == ["a", "", "b"])
    }

    @Test func encodedSlashStaysInsideOneSegment() throws {
        let target = try RequestTarget("/files/a%2Fb/c%2f", method: .get)
        #expect(target.pathSegments == ["files", "a/b", "c/"])
        #expect(target.path == "/files/a/b/c/")
    }

    @Test func pathSegmentsArePercentDecodedOnce() throws {
        let target = try RequestTarget("/caf%C3%A9/100%25/a%252F/a+b", method: .get)
        #expect(target.pathSegments == ["café", "100%", "a%2F", "a+b"])
    }

    @Test func queryIsSplitAndDecoded() throws {
        let target = try RequestTarget(
            "/search?q=hello+world&name=J%C3%B6rg&flag&empty=&eq=a=b&plus=%2B&&sp=%20&q=again", method: .get)
        #expect(target.path == "/search")
        #expect(
            target.query == [
                QueryItem(name: "q", value: "hello world"),
                QueryItem(name: "name", value: "Jörg"),
                QueryItem(name: "flag", value: ""),
                QueryItem(name: "empty", value: ""),
                QueryItem(name: "eq", value: "a=b"),
                QueryItem(name: "plus", value: "+"),
                QueryItem(name: "sp", value: " "),
                QueryItem(name: "q", value: "again"),
            ])
    }

    @Test func queryNamesAreDecodedToo() throws {
        let target = try RequestTarget("/?a%5B0%5D=1&first+name=x&=novalue", method: .get)
        #expect(
            target.query == [
                QueryItem(name: "a[0]", value: "1"),
                QueryItem(name: "first name", value: "x"),
                QueryItem(name: "", value: "novalue"),
            ])
    }

    @Test func emptyQueryAfterQuestionMark() throws {
        let target = try RequestTarget("/a?", method: .get)
        #expect(target.path == "/a")
        #expect(target.query.isEmpty)
    }

    @Test func questionMarkInsideTheQueryIsData() throws {
        let target = try RequestTarget("/a?x=1?2/3", method: .get)
        #expect(target.query == [QueryItem(name: "x", value: "1?2/3")])
    }

    @Test(
        arguments: [
            ("http://example.com/v1/x?y=1", "/v1/x", ["v1", "x"], [QueryItem(name: "y", value: "1")]),
            ("HTTPS://Example.com:8443/a%20b", "/a b", ["a b"], []),
            ("http://example.com", "/", [], []),
            ("http://example.com?x=1", "/", [], [QueryItem(name: "x", value: "1")]),
            ("http://[::1]:8080/", "/", [], []),
        ] as [(String, String, [String], [QueryItem])])
    func absoluteFormUsesPathAndQuery(target: String, path: String, segments: [String], query: [QueryItem]) throws {
        let parsed = try RequestTarget(target, method: .get)
        #expect(parsed.form == .absolute)
        #expect(parsed.path == path)
        #expect(parsed.pathSegments == segments)
        #expect(parsed.query == query)
    }

    @Test func asteriskFormWithOptions() throws {
        let target = try RequestTarget("*", method: .options)
        #expect(target.form == .asterisk)
        #expect(target.path == "*")
        #expect(target.pathSegments.isEmpty)
    }

    @Test(arguments: [HTTPMethod.get, .post, .head, .delete])
    func asteriskFormWithOtherMethodsIs400(method: HTTPMethod) throws {
        let error = try #require(throws: HTTPParseError.self) { try RequestTarget("*", method: method) }
        #expect(error.status == .badRequest)
    }

    @Test func authorityFormWithConnect() throws {
        let target = try RequestTarget("example.com:443", method: .connect)
        #expect(target.form == .authority)
        #expect(target.path == "")
        #expect(target.pathSegments.isEmpty)
    }

    @Test(arguments: [
        ("example.com:443", HTTPMethod.get),  // authority-form without CONNECT
        ("/", .connect),  // CONNECT needs authority-form
        ("example.com", .connect),  // no port
        ("example.com:", .connect),
        (":443", .connect),
        ("example.com:44a", .connect),
        ("user@example.com:443", .connect),
    ])
    func misusedTargetFormsAre400(target: String, method: HTTPMethod) throws {
        let error = try #require(throws: HTTPParseError.self) { try RequestTarget(target, method: method) }
        #expect(error.status == .badRequest)
    }

    @Test(arguments: [
        ("/%", "\"%\""),
        ("/%G1", "\"%G1\""),
        ("/%2", "\"%2\""),
        ("/a%2x/b", "\"%2x\""),
        ("/a?x=%", "\"%\""),
        ("/a?%zz=1", "\"%zz\""),
        ("/%C3", "UTF-8"),  // truncated two-byte sequence
        ("/%FF", "UTF-8"),
        ("/%C0%AF", "UTF-8"),  // overlong '/'
        ("/a?x=%ED%A0%80", "UTF-8"),  // UTF-16 surrogate
        ("/%00", "NUL"),
        ("/a?x=%00", "NUL"),
        ("/a?%00=x", "NUL"),
    ])
    func badEncodingIs400NamingTheProblem(target: String, problem: String) throws {
        let error = try #require(throws: HTTPParseError.self) { try RequestTarget(target, method: .get) }
        #expect(error.status == .badRequest)
        #expect(error.detail.contains(problem), "detail: \(error.detail)")
    }

    @Test(arguments: [
        "",  // empty
        "a/b",  // relative
        "?x=1",
        "/a#frag",  // a fragment is never sent
        "/a b",  // space
        "/caf\u{E9}",  // raw non-ASCII
        "ftp://example.com/x",  // only http(s) in absolute-form
        "http:/example.com/x",
        "http:///x",  // no host
        "http://user@example.com/",  // userinfo
        "mailto:someone@example.com",
    ])
    func malformedTargetsAre400(target: String) throws {
        let error = try #require(throws: HTTPParseError.self) { try RequestTarget(target, method: .get) }
        #expect(error.status == .badRequest)
    }

    @Test func parserDecodesTheTargetIntoTheHead() throws {
        let request = try ParserHarness.request("GET /a%2Fb/c/?x=1+2&y HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request.head.target == "/a%2Fb/c/?x=1+2&y")
        #expect(request.head.path == "/a/b/c/")
        #expect(request.head.pathSegments == ["a/b", "c"])
        #expect(request.head.query == [QueryItem(name: "x", value: "1 2"), QueryItem(name: "y", value: "")])
    }

    @Test func parserTakesPathAndQueryFromAbsoluteForm() throws {
        let request = try ParserHarness.request("GET http://example.com/v1/x?y=1 HTTP/1.1\r\nHost: example.com\r\n\r\n")
        #expect(request.head.target == "http://example.com/v1/x?y=1")
        #expect(request.head.path == "/v1/x")
        #expect(request.head.query == [QueryItem(name: "y", value: "1")])
    }

    @Test func parserAcceptsAsteriskOnlyForOptions() throws {
        let request = try ParserHarness.request("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request.head.path == "*")
        #expect(ParserHarness.status("GET * HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
    }

    @Test(arguments: ["/%G1", "/%2", "/%", "/%FF", "/%00", "/a?b=%C3", "/a#b", "example.com:80"])
    func parserAnswersBadTargetsWith400(target: String) {
        #expect(ParserHarness.status("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
    }
}
