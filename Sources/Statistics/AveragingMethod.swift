/// The two ways of averaging a rate over a group of councils, named in every answer because they
/// can differ a lot and neither is "the" average.
///
/// `mean` treats every council alike: a council with 1 upheld of 1 weighs as much as one with
/// 100 of 200. `pooled` treats every decision alike: it is the rate of the group taken as one
/// council, so large councils dominate it.
public enum AveragingMethod: String, CaseIterable, Codable, Sendable {
    /// The mean of the councils' own rates.
    case mean
    /// The sum of the numerators over the sum of the denominators.
    case pooled
}
