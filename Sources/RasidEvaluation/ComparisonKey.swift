import Rasid

/// Strings compared by scoring (relation persons and bodies), normalised as `ANNOTATION.md` says.
public func comparisonKey(_ s: String) -> String { ArabicFolding.comparisonKey(s) }
