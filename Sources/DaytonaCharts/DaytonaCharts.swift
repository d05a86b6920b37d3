// Chart models and their SVG rendering. The error family and JSON values appear in this module's
// API (decoding throws DaytonaValidationError, unknown fields are JSONValue), so importing it
// imports them too.
@_exported import DaytonaErrors
@_exported import DaytonaJSON
