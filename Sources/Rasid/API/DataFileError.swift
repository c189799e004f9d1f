/// A problem in a data file (gazetteer, rule, annotated sample), named by file and line.
public struct DataFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the form editors and compilers use.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

/// Several data-file errors, reported together so a user can fix them in one go.
public struct DataFileErrors: Error, CustomStringConvertible, Sendable {
    public let errors: [DataFileError]
    public init(errors: [DataFileError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
