import ArgumentParser

/// `daytona-swift chart …`: read the chart metadata that sandbox code execution returns.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Normalize, inspect, extract and render chart metadata.",
        subcommands: [Normalize.self, Inspect.self, PNG.self, Render.self]
    )
}
