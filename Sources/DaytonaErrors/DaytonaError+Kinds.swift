/// The request was malformed or its input invalid (HTTP 400).
///
/// Client-side validation failures throw this too: an unsupported Python version, a path of the
/// wrong kind, a recipe step with an unknown key. ``DaytonaValidationError`` names the same type.
public class DaytonaBadRequestError: DaytonaError, @unchecked Sendable {}

/// Another name for ``DaytonaBadRequestError``, as older Python code spells it.
public typealias DaytonaValidationError = DaytonaBadRequestError

/// Authentication failed (HTTP 401): the API key or token is missing, invalid or expired.
public class DaytonaAuthenticationError: DaytonaError, @unchecked Sendable {}

/// The caller may not do this (HTTP 403).
///
/// ``DaytonaAuthorizationError`` names the same type.
public class DaytonaForbiddenError: DaytonaError, @unchecked Sendable {}

/// Another name for ``DaytonaForbiddenError``.
public typealias DaytonaAuthorizationError = DaytonaForbiddenError

/// A resource or local path does not exist (HTTP 404).
public class DaytonaNotFoundError: DaytonaError, @unchecked Sendable {}

/// The request conflicts with the resource's current state (HTTP 409).
public class DaytonaConflictError: DaytonaError, @unchecked Sendable {}

/// The resource is permanently gone (HTTP 410).
public class DaytonaGoneError: DaytonaError, @unchecked Sendable {}

/// The request was well-formed but semantically invalid (HTTP 422).
public class DaytonaUnprocessableEntityError: DaytonaError, @unchecked Sendable {}

/// The server failed with an unhandled condition (HTTP 500).
public class DaytonaInternalServerError: DaytonaError, @unchecked Sendable {}

/// An upstream dependency rejected or dropped the request (HTTP 502).
public class DaytonaBadGatewayError: DaytonaError, @unchecked Sendable {}

/// The service is temporarily refusing traffic (HTTP 503).
public class DaytonaServiceUnavailableError: DaytonaError, @unchecked Sendable {}

/// An operation ran out of time (HTTP 408 and 504, or a client-side deadline).
///
/// A ``DaytonaConnectionTimeoutError`` is caught here too.
public class DaytonaTimeoutError: DaytonaError, @unchecked Sendable {}

/// The kind of every network-connection failure: a refused or dropped connection
/// (``DaytonaNetworkError``) and a connection time-out (``DaytonaConnectionTimeoutError``).
///
/// It is a protocol so that a connection time-out can be caught both as a timeout and as a
/// connection failure, which single class inheritance cannot express:
///
/// ```swift
/// do { try await client.send(request) }
/// catch let error as DaytonaConnectionError { print("network:", error.message) }
/// ```
public protocol DaytonaConnectionError: DaytonaError {}

/// The connection could not be made, or dropped in the middle of a request.
public class DaytonaNetworkError: DaytonaError, DaytonaConnectionError, @unchecked Sendable {}

/// The transport timed out connecting to, or reading from, a Daytona service.
///
/// Caught by `catch let error as DaytonaTimeoutError` and by
/// `catch let error as DaytonaConnectionError` alike.
public class DaytonaConnectionTimeoutError: DaytonaTimeoutError, DaytonaConnectionError, @unchecked Sendable {}
