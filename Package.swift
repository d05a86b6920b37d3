// swift-tools-version: 6.0
import PackageDescription

// The target graph, lowest layer first (each arrow: "depends on"):
//
//   DaytonaErrors                    the DaytonaError family, HTTP mapping, error locations
//   DaytonaJSON      → Errors        JSON values, reader, writer, number parsing
//   DaytonaSystem    → Errors        the one file-system layer (POSIX calls, atomic writes)
//   DaytonaImage     → System, JSON  Image, recipes, build contexts (hashes, tar)     + Yams, TOMLKit, Crypto
//   DaytonaCharts    → Errors, JSON  chart models and SVG rendering
//   DaytonaObjectStorage → Errors    S3 uploads (SigV4, multipart) for build contexts  + Crypto, AsyncHTTPClient
//   DaytonaAPI       → Image, Charts, ObjectStorage
//                                    the Daytona client: sandboxes, processes, files  + OpenAPI runtime, AsyncHTTPClient,
//                                    SwiftNIO's HTTP/1.1 codec (the direct toolbox path)
//   Daytona          → all           `import Daytona` gives the whole SDK
//   DaytonaCLI       → Daytona       the daytona-swift commands (a library, so tests call them)
//
// Only DaytonaAPI (and what depends on it) builds SwiftNIO: an app that needs images or charts
// alone depends on the DaytonaImage or DaytonaCharts product.
let package = Package(
    name: "swift-daytona",
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "Daytona", targets: ["Daytona"]),
        .library(name: "DaytonaJSON", targets: ["DaytonaJSON", "DaytonaErrors"]),
        .library(name: "DaytonaErrors", targets: ["DaytonaErrors"]),
        .library(name: "DaytonaImage", targets: ["DaytonaImage"]),
        .library(name: "DaytonaCharts", targets: ["DaytonaCharts"]),
        .library(name: "DaytonaAPI", targets: ["DaytonaAPI"]),
        .library(name: "DaytonaObjectStorage", targets: ["DaytonaObjectStorage"]),
        .executable(name: "daytona-swift", targets: ["daytona-swift"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(name: "DaytonaErrors"),
        .target(name: "DaytonaJSON", dependencies: ["DaytonaErrors"]),
        .target(name: "DaytonaSystem", dependencies: ["DaytonaErrors"]),
        .target(
            name: "DaytonaImage",
            dependencies: [
                "DaytonaJSON",
                "DaytonaErrors",
                "DaytonaSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "DaytonaCharts", dependencies: ["DaytonaJSON", "DaytonaErrors"]),
        .target(
            name: "DaytonaAPI",
            dependencies: [
                "DaytonaErrors",
                "DaytonaJSON",
                "DaytonaSystem",
                "DaytonaImage",
                "DaytonaCharts",
                "DaytonaObjectStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ],
            // GeneratedSources/ is swift-openapi-generator's output for openapi.yaml, committed so
            // that building the package never builds the generator (Scripts/generate-openapi.sh).
            exclude: ["openapi.yaml", "openapi-generator-config.yaml"]
        ),
        .target(
            name: "DaytonaObjectStorage",
            dependencies: [
                "DaytonaErrors",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Daytona",
            dependencies: ["DaytonaJSON", "DaytonaErrors", "DaytonaImage", "DaytonaCharts", "DaytonaAPI"]
        ),
        .target(
            name: "DaytonaCLI",
            dependencies: [
                "Daytona",
                "DaytonaSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "daytona-swift", dependencies: ["DaytonaCLI"]),
        .target(
            name: "DaytonaTestSupport",
            dependencies: [
                "Daytona", "DaytonaObjectStorage", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/DaytonaTestSupport",
            exclude: ["moto_fixture.py"]
        ),
        .testTarget(name: "DaytonaJSONTests", dependencies: ["DaytonaJSON", "DaytonaErrors"]),
        .testTarget(name: "DaytonaErrorsTests", dependencies: ["DaytonaErrors"]),
        .testTarget(name: "DaytonaSystemTests", dependencies: ["DaytonaSystem", "DaytonaErrors"]),
        .testTarget(
            name: "DaytonaImageTests",
            dependencies: [
                "DaytonaImage", "DaytonaSystem", "DaytonaJSON", "DaytonaErrors", "DaytonaTestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DaytonaChartsTests",
            dependencies: ["DaytonaCharts", "DaytonaJSON", "DaytonaErrors", "DaytonaTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DaytonaAPITests",
            dependencies: [
                "Daytona",
                "DaytonaAPI",
                "DaytonaTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DaytonaObjectStorageTests",
            dependencies: [
                "DaytonaObjectStorage",
                "DaytonaErrors",
                "DaytonaTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DaytonaCLITests",
            dependencies: ["DaytonaCLI", "Daytona", "DaytonaSystem", "DaytonaTestSupport"]
        ),
    ]
)
