import DaytonaCLI

await DaytonaCommand.main(arguments: Array(CommandLine.arguments.dropFirst()))
