/// Problem types only the write API meets, beside the shared ones in `ProblemType`.
extension ProblemType {
    /// `POST /v1/complaints` for a reference already on record with other content: a correction
    /// must say so by using `PUT`, so a duplicate post can never silently overwrite a decision.
    static let recordExists = "/problems/record-exists"
}
