import Foundation

/// Escaping for text and attribute values in HTML.
enum HTML {
    /// `s` safe in element content and in a quoted attribute value: `& < > " '` become character
    /// references, and so do the C0 controls HTML forbids (a NUL would otherwise become U+FFFD).
    static func escape<S: StringProtocol>(_ s: S) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An attribute value that keeps its line breaks in a tooltip.
    static func attribute(_ s: String) -> String {
        escape(s).replacingOccurrences(of: "\n", with: "&#10;")
    }

    /// A name safe as a CSS class and an HTML id fragment: letters, digits, `-` and `_`, others as `_XX`.
    static func token(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "_" + String(scalar.value, radix: 16)
            }
        }
        return out.isEmpty ? "_" : out
    }
}
