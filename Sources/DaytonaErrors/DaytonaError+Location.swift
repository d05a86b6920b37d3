extension DaytonaError {
    /// Where in the caller's input an error was found, kept as data so that a program can read it
    /// and so that readers can add to it without parsing messages.
    ///
    /// ```swift
    /// catch let error as DaytonaBadRequestError {
    ///     print(error.location.stepIndex ?? -1, error.location.key ?? "", error.reason)
    /// }
    /// ```
    public struct Location: Sendable, Hashable {
        /// The operation that failed, as it leads the message (`Failed to run code: chart 1 of the
        /// result`); the client sets it when an error with a location passes through a call.
        public var operation: String?
        /// The file the input came from.
        public var file: String?
        /// What was being read when the error was found, as it leads the message
        /// (`"invalid JSON"`, `"invalid chart"`, `"recipe is not valid JSON"`).
        public var input: String?
        /// The recipe step's position in `steps`, counted from 0.
        public var stepIndex: Int?
        /// The recipe step's method (`pip_install`).
        public var stepName: String?
        /// The recipe key at fault; the reason already names it, so it is data only.
        public var key: String?
        /// The JSON path of the culprit (`elements[2].points[5]`, `$` for the whole document).
        public var jsonPath: String?
        /// The byte offset of a syntax error in the input.
        public var byteOffset: Int?

        /// Creates a location; every part is optional.
        public init(
            file: String? = nil,
            input: String? = nil,
            stepIndex: Int? = nil,
            stepName: String? = nil,
            key: String? = nil,
            jsonPath: String? = nil,
            byteOffset: Int? = nil,
            operation: String? = nil
        ) {
            self.operation = operation
            self.file = file
            self.input = input
            self.stepIndex = stepIndex
            self.stepName = stepName
            self.key = key
            self.jsonPath = jsonPath
            self.byteOffset = byteOffset
        }

        /// Whether the location says nothing.
        public var isEmpty: Bool { self == Location() }

        /// `reason` preceded by this location: `recipe.yaml: steps[2] (pip_install): invalid JSON: $.a: reason (at byte 7)`.
        package func describing(_ reason: String) -> String {
            var parts: [String] = []
            if let operation { parts.append(operation) }
            if let file { parts.append(file) }
            if let stepIndex { parts.append(stepName.map { "steps[\(stepIndex)] (\($0))" } ?? "steps[\(stepIndex)]") }
            if let input { parts.append(input) }
            if let jsonPath { parts.append(jsonPath) }
            parts.append(byteOffset.map { "\(reason) (at byte \($0))" } ?? reason)
            return parts.joined(separator: ": ")
        }
    }
}
