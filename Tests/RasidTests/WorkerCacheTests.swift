import Testing
@testable import Rasid

/// The per-worker caches give what they cache, also once full (they empty themselves to stay bounded).
@Suite struct WorkerCacheTests {
    @Test func entryCacheGivesTheGazetteersEntries() throws {
        let gazetteer = try Pipeline().gazetteer
        let cache = GazetteerEntryCache(gazetteer, capacity: 7)
        #expect(gazetteer.entryCount > 100)
        for pass in 0..<2 {
            for index in stride(from: 0, to: gazetteer.entryCount, by: 13) {
                #expect(cache.entry(Int32(index)) == gazetteer.entry(at: index), "entry \(index), pass \(pass)")
            }
        }
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
