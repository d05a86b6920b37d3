// swift-tools-version: 6.0
// The OpenAPI generator at the version the committed client was generated with. Only
// Scripts/generate-openapi.sh uses it, so the package and its users never build the generator.
import PackageDescription

let package = Package(
    name: "openapi-generator",
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")]
)
