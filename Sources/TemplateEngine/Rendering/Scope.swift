/// Variables of one frame (the template, a loop, a macro call), chained to the enclosing frame.
///
/// Frames hold few names, so a linear scan beats hashing.
final class Scope {
    // Only the rendering thread touches these; dynamic exclusivity checks cost ~10% of a render.
    @exclusivity(unchecked) private(set) var names: [String] = []
    @exclusivity(unchecked) private(set) var values: [Value] = []
    let parent: Scope?

    init(parent: Scope?) { self.parent = parent }

    func lookup(_ name: String) -> Value? {
        var frame: Scope? = self
        while let current = frame {
            var position = current.names.count - 1
            while position >= 0 {
                if current.names[position] == name { return current.values[position] }
                position -= 1
            }
            frame = current.parent
        }
        return nil
    }

    func set(_ name: String, _ value: Value) {
        var position = names.count - 1
        while position >= 0 {
            if names[position] == name {
                values[position] = value
                return
            }
            position -= 1
        }
        names.append(name)
        values.append(value)
    }

    func removeAll() {
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// Every name visible from this frame, for "did you mean" suggestions.
    var visibleNames: [String] {
        var result: [String] = []
        var frame: Scope? = self
        while let current = frame {
            result += current.names
            frame = current.parent
        }
        return result
    }
}
