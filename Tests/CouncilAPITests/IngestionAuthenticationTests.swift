import Foundation
import HTTPTestSupport
import JSON
import StoreTestSupport
import Testing

@testable import CouncilAPI

/// Writes need a configured bearer token; reads stay open.
@Suite struct IngestionAuthenticationTests {
    static let complaint = JSONValue.object(WriteFixtures.complaint).serializedString()

    @Test(arguments: TestEngine.allCases) func withNoTokenConfiguredWritesAreForbiddenAndReadsOpen(engine: TestEngine)
        throws
    {
        let api = try LiveAPI.writable(engine: engine, tokens: [])
        let response = try api.send("POST", "/v1/complaints", json: Self.complaint)
        #expect(response.status == 403)
        #expect(response.header("Content-Type") == "application/problem+json")
        let body = try api.object(response)
        #expect(body["type"] as? String == "/problems/writes-disabled")
        #expect((body["detail"] as? String)?.contains("no API token configured") == true)
        #expect(try api.get("/v1/complaints?limit=1").status == 200)
    }

    @Test(arguments: TestEngine.allCases) func missingTokenIsA401WithTheBearerChallenge(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("POST", "/v1/complaints", json: Self.complaint, token: nil)
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == "Bearer realm=\"council-api\"")
        #expect(try api.object(response)["type"] as? String == "/problems/unauthorized")
    }

    @Test(arguments: TestEngine.allCases) func wrongTokenIsA401NamingTheInvalidToken(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send("POST", "/v1/complaints", json: Self.complaint, token: "s3cret-write-tokem")
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == "Bearer realm=\"council-api\", error=\"invalid_token\"")
    }

    @Test(
        arguments: TestEngine.allCases,
        ["Basic dXNlcjpwYXNz", "Bearer", "Bearer  ", "s3cret-write-token", "Bearer a b"])
    func otherAuthorizationHeadersAreA401(engine: TestEngine, _ value: String) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send(
            "POST", "/v1/complaints", json: Self.complaint, token: nil, headers: [("Authorization", value)])
        #expect(response.status == 401, "\(value)")
        #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer realm=\"council-api\"") == true)
    }

    @Test(arguments: TestEngine.allCases) func rightTokenWrites(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        #expect(try api.send("POST", "/v1/complaints", json: Self.complaint).status == 201)
    }

    @Test(arguments: TestEngine.allCases) func everyConfiguredTokenIsAcceptedAndTheSchemeIsCaseInsensitive(
        engine: TestEngine
    ) throws {
        let api = try LiveAPI.writable(engine: engine)
        let response = try api.send(
            "POST", "/v1/complaints", json: Self.complaint, token: nil,
            headers: [("Authorization", "bearer \(LiveAPI.otherWriteToken)")])
        #expect(response.status == 201)
    }

    @Test(arguments: TestEngine.allCases) func authenticationComesBeforeTheBodyIsRead(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let malformed = try api.send("POST", "/v1/complaints", json: "{", token: nil, contentType: "text/plain")
        #expect(malformed.status == 401)
    }

    @Test(
        arguments: TestEngine.allCases,
        [
            ("PUT", "/v1/complaints/24123456"), ("DELETE", "/v1/complaints/23008737"), ("POST", "/v1/councils"),
            ("POST", "/v1/complaints/bulk"),
        ])
    func everyWriteMethodNeedsTheToken(engine: TestEngine, _ route: (method: String, path: String)) throws {
        let (method, path) = route
        let api = try LiveAPI.writable(engine: engine)
        let revision = try api.store.revision()
        let response = try api.send(method, path, json: Self.complaint, token: nil)
        #expect(response.status == 401)
        #expect(try api.store.revision() == revision)
    }

    /// A write method no route takes is the router's 405 (or 404), not a 401: there is nothing to
    /// authenticate for, and the answer says what is allowed.
    @Test(arguments: TestEngine.allCases) func unroutedWritesGetTheRoutersAnswer(engine: TestEngine) throws {
        let api = try LiveAPI.writable(engine: engine)
        let patch = try api.send("PATCH", "/v1/complaints/23008737", json: Self.complaint, token: nil)
        #expect(patch.status == 405)
        #expect(patch.header("Allow")?.contains("PUT") == true)
        let nowhere = try api.send("POST", "/v1/nowhere", json: Self.complaint, token: nil)
        #expect(nowhere.status == 404)
    }

    @Test func bearerTokensCompareWholeTokensOnly() {
        let tokens = BearerTokens(["alpha-token", "beta-token"])
        #expect(tokens.accepts("alpha-token"))
        #expect(tokens.accepts("beta-token"))
        #expect(!tokens.accepts("alpha-toke"))
        #expect(!tokens.accepts("alpha-token "))
        #expect(!tokens.accepts(""))
        #expect(!BearerTokens([]).accepts(""))
    }
}
