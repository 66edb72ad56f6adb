/// Python's `sorted` (stable, reverse keeps ties in order), as the filters use it.
extension Renderer {
    /// Lower-cases strings for the case-insensitive comparisons of sort, dictsort, unique, min, max.
    static func foldCase(_ value: Value) -> Value {
        if case .data(.string(let text)) = value { return .string(text.lowercased()) }
        return value
    }

    func sortValues(_ items: [Value], reverse: Bool, at offset: Int, key: (Value) -> Value)
        throws(TemplateError)
        -> [Value]
    {
        let order = try sortedOrder(items.map(key), reverse: reverse, at: offset)
        return order.map { items[$0] }
    }

    /// A stable sort of indices by keys, as Python's `sorted` (reverse keeps equal items in order).
    func sortedOrder(_ keys: [Value], reverse: Bool, at offset: Int) throws(TemplateError) -> [Int] {
        var failure: TemplateError? = nil
        func less(_ a: Int, _ b: Int) -> Bool {
            guard let result = PythonOperators.less(keys[a], keys[b]) else {
                failure = fail(
                    "'<' not supported between instances of '\(keys[a].typeName)' and '\(keys[b].typeName)'",
                    at: offset)
                return false
            }
            return result
        }
        // Merge sort keeps equal keys in their original order.
        var order = Array(keys.indices)
        var buffer = order
        var width = 1
        while width < order.count {
            var start = 0
            while start < order.count {
                let middle = min(start + width, order.count)
                let end = min(start + 2 * width, order.count)
                var left = start
                var right = middle
                var target = start
                while left < middle && right < end {
                    let takeRight =
                        reverse ? less(order[left], order[right]) : less(order[right], order[left])
                    if takeRight {
                        buffer[target] = order[right]
                        right += 1
                    } else {
                        buffer[target] = order[left]
                        left += 1
                    }
                    target += 1
                }
                while left < middle {
                    buffer[target] = order[left]
                    left += 1
                    target += 1
                }
                while right < end {
                    buffer[target] = order[right]
                    right += 1
                    target += 1
                }
                start += 2 * width
            }
            swap(&order, &buffer)
            width *= 2
        }
        if let failure { throw failure }
        return order
    }
}
