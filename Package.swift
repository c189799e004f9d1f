// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Rasid",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Rasid", targets: ["Rasid"]),
        .library(name: "RasidEvaluation", targets: ["RasidEvaluation"]),
        .executable(name: "rasid", targets: ["rasid"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc",
            providers: [.apt(["libicu-dev"])]
        ),

        // Library
        .target(name: "RasidICU", dependencies: ["CICU"]),
        .target(name: "Rasid", dependencies: ["RasidICU"]),
        .target(name: "RasidEvaluation", dependencies: ["Rasid"]),

        // CLI
        .executableTarget(
            name: "rasid",
            dependencies: [
                "Rasid", "RasidEvaluation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Tests
        .testTarget(name: "RasidTests", dependencies: ["Rasid", "RasidICU"]),
        .testTarget(name: "RasidEvaluationTests", dependencies: ["RasidEvaluation", "Rasid"]),
        .testTarget(name: "RasidCLITests", dependencies: ["rasid"]),
    ]
)
