// The Daytona umbrella module: `import Daytona` gives an app the whole SDK. Each part is also a
// product of its own, so an app that needs only images or charts does not build the client.
@_exported import DaytonaAPI
@_exported import DaytonaCharts
@_exported import DaytonaErrors
@_exported import DaytonaImage
@_exported import DaytonaJSON
