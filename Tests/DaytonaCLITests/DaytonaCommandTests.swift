import Testing

@testable import DaytonaCLI
