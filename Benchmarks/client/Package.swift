// swift-tools-version: 6.0
import PackageDescription

// The client benchmark: one executable that drives the Daytona client against the project's
// test server (see run.sh). It depends on the root package by path (`../..`), so it measures the
// library as it is in this work tree; DAYTONA_PACKAGE_PATH points it at another copy instead
// (run.sh --commit REV builds against `git archive REV`, so a work tree in mid-edit does not matter).
let libraryPath = Context.environment["DAYTONA_PACKAGE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "../.."

let package = Package(
    name: "client-benchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-daytona", path: libraryPath),
        // already in the graph through DaytonaAPI; named for the experiments (see main.swift)
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .executableTarget(
            name: "ClientBenchmark",
            dependencies: [
                .product(name: "DaytonaAPI", package: "swift-daytona"),
                // only for the ahc-loop floor and the DAYTONA_BENCH_NIO_EXECUTOR experiment
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        )
    ]
)
