import Foundation

/// Finds the data that ships with Rasid (`gazetteers/`, `rules/`) wherever the binary is run from.
public enum BundledData {
    /// The folder holding `gazetteers/` and `rules/`, searched in this order:
    /// `$RASID_DATA`; the executable's folder and its parents (a build under `.build/…` or an
    /// install beside `share/rasid`); the source tree this library was compiled from.
    public static func root() -> URL? {
        let fm = FileManager.default
        func holdsData(_ url: URL) -> Bool {
            fm.fileExists(atPath: url.appendingPathComponent("gazetteers").path)
                && fm.fileExists(atPath: url.appendingPathComponent("rules").path)
        }
        if let env = ProcessInfo.processInfo.environment["RASID_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var dir = executable.deletingLastPathComponent()
            for _ in 0..<6 {
                if holdsData(dir) { return dir }
                let shared = dir.appendingPathComponent("share/rasid")
                if holdsData(shared) { return shared }
                dir = dir.deletingLastPathComponent()
            }
        }
        // Sources/Rasid/API/BundledData.swift → the repository root.
        let source = URL(fileURLWithPath: #filePath)
        let repository = source.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return holdsData(repository) ? repository : nil
    }
}
