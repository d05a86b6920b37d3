// Images, recipes and build contexts. The error family and JSON values appear in this module's
// API (every step throws a DaytonaError), so importing it imports them too.
@_exported import DaytonaErrors
@_exported import DaytonaJSON
