/// A light PEP 508 check of requirement strings: enough to reject what would corrupt PKG-INFO or is
/// plainly not a requirement, not a full grammar (pip reports the finer points at install time).
package enum Requirement {
    static func problem(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, isNameCharacter(first), first != "-", first != "_", first != "."
        else {
            return "it must start with a project name"
        }
        if scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "control characters" }
        // The name ends at the first character that is not part of a name.
        let nameEnd = scalars.firstIndex { !isNameCharacter($0) } ?? scalars.count
        let rest = String(String.UnicodeScalarView(scalars[nameEnd...])).trimmingSpaces
        if rest.isEmpty { return nil }
        guard let lead = rest.unicodeScalars.first, "[<>=!~;@(".unicodeScalars.contains(lead) else {
            return "unexpected text after the name"
        }
        return nil
    }

    package static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        Names.isASCIILetter(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            || scalar == "."
    }
}

extension String {
    package var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
