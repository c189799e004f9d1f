@_implementationOnly import CICU

/// NFKC through ICU's `unorm2`, one code point at a time.
///
/// The matching view needs a map from every normalised character back to the original one, so
/// Rasid asks ICU about single code points (presentation forms, ligatures, full-width forms)
/// rather than whole strings; the answers are few and are cached by the caller.
public struct CompatibilityNormalizer: @unchecked Sendable {
    // ICU's normaliser instances are immutable singletons, safe to share between threads.
    private let normalizer: OpaquePointer

    public init() throws(ICUError) {
        var status = U_ZERO_ERROR
        guard let n = rasid_unorm2_getNFKCInstance(&status), !(status.rawValue > 0) else {
            throw ICUError("unorm2_getNFKCInstance", code: status.rawValue)
        }
        normalizer = n
    }

    /// The NFKC form of one code point as UTF-16, or nil when it is already in NFKC.
    public func nfkc(_ scalar: UInt32) -> [UInt16]? {
        var src: [UInt16] = scalar < 0x10000
            ? [UInt16(scalar)]
            : [UInt16(0xD800 + ((scalar - 0x10000) >> 10)), UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF))]
        var status = U_ZERO_ERROR
        let ok = rasid_unorm2_isNormalized(normalizer, &src, Int32(src.count), &status)
        if status.rawValue > 0 || ok != 0 { return nil }
        var dest = [UInt16](repeating: 0, count: 32)
        status = U_ZERO_ERROR
        let n = rasid_unorm2_normalize(normalizer, &src, Int32(src.count), &dest, Int32(dest.count), &status)
        if status.rawValue > 0 || n < 0 { return nil }
        return Array(dest[0..<Int(n)])
    }
}
