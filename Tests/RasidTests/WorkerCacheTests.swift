import Testing
@testable import Rasid

/// The per-worker caches give what they cache, also once full (they evict or empty themselves to stay bounded).
@Suite struct WorkerCacheTests {
    @Test func entryCacheGivesTheGazetteersEntries() throws {
        let gazetteer = try Pipeline().gazetteer
        let cache = GazetteerEntryCache(gazetteer, capacity: 7)
        #expect(gazetteer.entryCount > 100)
        for pass in 0..<2 {
            for index in stride(from: 0, to: gazetteer.entryCount, by: 13) {
                let cached = cache.entry(Int32(index)), entry = gazetteer.entry(at: index)
                #expect(cached.index == Int32(index))
                #expect(gazetteer.entries.typeNames[cached.typeIndex] == entry.type)
                #expect(cached.type == entry.type && cached.canonical == entry.canonical, "entry \(index), pass \(pass)")
                #expect(cached.features == entry.features && cached.source == entry.source, "entry \(index), pass \(pass)")
            }
        }
    }

    /// A feature read from the entry table is the one in the entry's features, for every key an
    /// entry has and for keys it lacks.
    @Test func entryFeaturesReadFromTheTableAreTheEntrysFeatures() throws {
        let gazetteer = try Pipeline().gazetteer
        let cache = GazetteerEntryCache(gazetteer, capacity: 7)
        let keys = Set(gazetteer.entries.keyNames).union(["", "absent", "common_word"])
        var withFeatures = 0
        for index in 0..<gazetteer.entryCount {
            let features = gazetteer.entry(at: index).features
            if !features.isEmpty { withFeatures += 1 }
            for key in keys { #expect(cache.feature(key, of: Int32(index)) == features[key], "entry \(index), \(key)") }
        }
        #expect(withFeatures > 100)
    }

    @Test func roleCacheNormalisesAsTheNormaliser() {
        let roles = ["وأمينًا مساعدًا", "الأمينين المساعدين", "أمينةً", "أمين التنظيم", "للأمين العام", "كأمين"]
        let cache = RoleCache(capacity: 2)
        for _ in 0..<3 {
            for role in roles { #expect(cache.normalize(role) == RoleNormalizer.normalize(role)) }
        }
        #expect(cache.normalize("وأمينًا مساعدًا") == "أمين مساعد")
    }
}
