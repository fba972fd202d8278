import StoreTestSupport
import Testing

/// Says in the test report whether the PostgreSQL half ran: skipped, with the reason, when no
/// server is configured (each test's PostgreSQL case is then cancelled too).
@Suite struct PostgresHalfTests {
    @Test(
        "the PostgreSQL half of the store and API tests runs",
        .enabled(if: TestEngine.postgresURL != nil, "TEST_DATABASE_URL is not set: every PostgreSQL case is skipped"))
    func postgresHalfRuns() throws {
        let store = try makeStore(.postgresql)
        #expect(store.engine == .postgresql)
    }
}
