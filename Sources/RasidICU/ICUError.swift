@_implementationOnly import CICU

/// An ICU call that failed, with ICU's own name for the error.
public struct ICUError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let code: Int32
    public let name: String

    // Takes the raw code, not `UErrorCode`: a declaration that names a CICU type would make every
    // client of this module load CICU, which clashes with Foundation's own ICU.
    init(_ operation: String, code: Int32) {
        self.operation = operation
        self.code = code
        self.name = String(cString: rasid_u_errorName(UErrorCode(rawValue: code)))
    }

    public var description: String { "ICU \(operation) failed: \(name)" }
}
