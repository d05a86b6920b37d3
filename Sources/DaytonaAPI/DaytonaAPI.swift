// The Daytona client: configuration, sandboxes, processes and code runs, files. The HTTP layer is
// generated from openapi.yaml (internal); the public types in this module wrap it.
@_exported import DaytonaCharts
@_exported import DaytonaErrors
@_exported import DaytonaImage
