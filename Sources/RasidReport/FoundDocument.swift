import Foundation
import Rasid

/// One document of `rasid extract`'s output, read back: its text, what was found in it, and the
/// fields the input carried that extraction passed through.
public struct FoundDocument: Sendable, Equatable {
    /// The document's `id`, as text (a numeric id is written in decimal).
    public var id: String
    public var text: String
    /// The passed-through fields (everything but `id`, `text`, `entities`, `relations`), as one JSON
    /// object with sorted keys; nil when there are none.
    public var fieldsJSON: String?
    public var entities: [Entity]
    public var relations: [Relation]
    /// The line of the input file it was read from, counting from 1.
    public var line: Int

    public init(id: String, text: String, fieldsJSON: String? = nil, entities: [Entity] = [],
                relations: [Relation] = [], line: Int = 0) {
        self.id = id
        self.text = text
        self.fieldsJSON = fieldsJSON
        self.entities = entities
        self.relations = relations
        self.line = line
    }
}

extension Entity {
    /// The entity's features as one JSON object with sorted keys (`{}` when it has none).
    public var featuresJSON: String { FoundReader.jsonObject(features) }
}
