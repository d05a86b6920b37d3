// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-daytona",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Daytona", targets: ["Daytona"]),
        .executable(name: "daytona-swift", targets: ["daytona-swift"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "Daytona",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DaytonaCLI",
            dependencies: [
                "Daytona",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "daytona-swift", dependencies: ["DaytonaCLI"]),
        .target(name: "DaytonaTestSupport", path: "Tests/DaytonaTestSupport"),
        .testTarget(
            name: "DaytonaTests",
            dependencies: ["Daytona", "DaytonaTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DaytonaCLITests",
            dependencies: ["DaytonaCLI", "Daytona", "DaytonaTestSupport"]
        ),
    ]
)
