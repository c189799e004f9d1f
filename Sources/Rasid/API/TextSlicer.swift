/// Cuts code-point ranges out of a string, front to back, in one pass.
struct TextSlicer {
    private let scalars: String.UnicodeScalarView
    private var index: String.UnicodeScalarView.Index
    private var offset = 0

    init(_ text: String) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
    }

    mutating func slice(_ start: Int, _ end: Int) -> String {
        if start < offset { index = scalars.startIndex; offset = 0 }
        index = scalars.index(index, offsetBy: start - offset)
        offset = start
        let stop = scalars.index(index, offsetBy: end - start)
        return String(scalars[index..<stop])
    }
}
