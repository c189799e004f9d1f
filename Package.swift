// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Rasid",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Rasid", targets: ["Rasid"]),
        .library(name: "RasidEvaluation", targets: ["RasidEvaluation"]),
        .library(name: "RasidReport", targets: ["RasidReport"]),
        .executable(name: "rasid", targets: ["rasid"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // System libraries
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc",
            providers: [.apt(["libicu-dev"])]
        ),
        // `fstatfs` (the gazetteer cache trusts file stamps on local file systems only).
        .target(name: "CRasidSystem"),

        // Library
        .target(name: "RasidICU", dependencies: ["CICU"]),
        .target(name: "Rasid", dependencies: ["RasidICU", "CRasidSystem"]),
        .target(name: "RasidEvaluation", dependencies: ["Rasid"]),
        .target(name: "RasidReport", dependencies: ["Rasid", .product(name: "GRDB", package: "GRDB.swift")]),

        // CLI
        .executableTarget(
            name: "rasid",
            dependencies: [
                "Rasid", "RasidEvaluation",
                "RasidReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Tests
        .target(name: "RasidTestSupport"),
        .testTarget(name: "RasidTests", dependencies: ["Rasid", "RasidICU", "RasidTestSupport"]),
        .testTarget(name: "RasidEvaluationTests", dependencies: ["RasidEvaluation", "Rasid", "RasidTestSupport"]),
        .testTarget(name: "RasidCLITests", dependencies: ["rasid"]),
        .testTarget(name: "RasidReportTests", dependencies: ["RasidReport", "Rasid", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
