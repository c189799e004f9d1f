/// How input documents are written.
public enum InputFormat: String, Sendable, CaseIterable {
    /// JSON Lines: one object per line with `id` and `text`; other fields pass through.
    case jsonl
    /// Plain text: one document per line, its id the line number.
    case text
}
