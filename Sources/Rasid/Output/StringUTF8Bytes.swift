extension String {
    /// Calls `body` with the string's UTF-8: in place where the string holds it contiguously (a
    /// native Swift string always does), else a copy made for the call (a bridged `NSString` on
    /// Darwin). The one fallback of the entity's text, its equality and the JSON writer's
    /// strings. Read through the UTF-8 view, not the mutating `withUTF8`: a copy of the string to
    /// call that on was a retain and a release per call.
    ///
    /// The documents entities are cut from are made contiguous once, where the entities are made
    /// (`PipelineWorker.run`, `Entity.init`), so the copy is not made per entity.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
