/// What a new sandbox is made from and how it is set up.
///
/// A sandbox comes from a snapshot (``snapshot``, or the organization's default when nothing
/// is given), from an ``Image`` (whose build contexts are uploaded, then Daytona builds it) or
/// from an image name (``imageName``, which Daytona builds first).
///
/// ```swift
/// let sandbox = try await daytona.create(
///     CreateSandboxParameters(snapshot: "base", name: "demo", envVars: ["A": "1"],
///                             labels: ["team": "core"], autoStopInterval: 15),
///     timeout: .seconds(60))
/// ```
public struct CreateSandboxParameters: Sendable, Hashable {
    /// The snapshot to start from.
    public var snapshot: String?
    /// An image to build the sandbox from; its build contexts are uploaded first.
    public var image: Image?
    /// An image reference (`python:3.12-slim`) to build the sandbox from.
    public var imageName: String?
    /// The sandbox's name, unique in its organization; the API picks one when `nil`.
    public var name: String?
    /// The operating-system user commands run as.
    public var user: String?
    /// Environment variables of every command and code run.
    public var envVars: [String: String]
    /// Labels to find the sandbox by (``DaytonaClient/list(labels:)``).
    public var labels: [String: String]
    /// Whether its preview ports are reachable without a token.
    public var isPublic: Bool?
    /// CPU, memory, disk and GPU; only for sandboxes built from an image (a snapshot fixes them).
    public var resources: Resources?
    /// Minutes of inactivity before the sandbox stops; `0` never.
    public var autoStopInterval: Int?
    /// Minutes stopped before the sandbox is archived; `0` the maximum.
    public var autoArchiveInterval: Int?
    /// Minutes stopped before the sandbox is deleted; negative never, `0` at once.
    public var autoDeleteInterval: Int?
    /// The region; `nil` is the client's target, else the organization's default.
    public var target: String?
    /// The language of code runs; `nil` keeps a `code-toolbox-language` label, else Python.
    public var language: CodeLanguage?
    /// Volumes to mount.
    public var volumes: [VolumeMount]
    /// Whether all network access is blocked.
    public var networkBlockAll: Bool?
    /// The only networks the sandbox may reach, as a comma-separated list of CIDR blocks.
    public var networkAllowList: String?
    /// Which hash names each uploaded context of ``image`` (``ContextHashScheme/stable`` by default).
    public var contextHashScheme: ContextHashScheme
    /// Where the hashes of uploaded contexts of ``image`` are remembered, so an unchanged context
    /// is not read again to find its archive already uploaded (``ContextHashCache/default`` by
    /// default); `nil` reads every file every time.
    public var contextHashCache: ContextHashCache?

    /// Creates the parameters; everything has a default.
    public init(
        snapshot: String? = nil,
        image: Image? = nil,
        imageName: String? = nil,
        name: String? = nil,
        user: String? = nil,
        envVars: [String: String] = [:],
        labels: [String: String] = [:],
        isPublic: Bool? = nil,
        resources: Resources? = nil,
        autoStopInterval: Int? = nil,
        autoArchiveInterval: Int? = nil,
        autoDeleteInterval: Int? = nil,
        target: String? = nil,
        language: CodeLanguage? = nil,
        volumes: [VolumeMount] = [],
        networkBlockAll: Bool? = nil,
        networkAllowList: String? = nil,
        contextHashScheme: ContextHashScheme = .stable,
        contextHashCache: ContextHashCache? = .default
    ) {
        self.snapshot = snapshot
        self.image = image
        self.imageName = imageName
        self.name = name
        self.user = user
        self.envVars = envVars
        self.labels = labels
        self.isPublic = isPublic
        self.resources = resources
        self.autoStopInterval = autoStopInterval
        self.autoArchiveInterval = autoArchiveInterval
        self.autoDeleteInterval = autoDeleteInterval
        self.target = target
        self.language = language
        self.volumes = volumes
        self.networkBlockAll = networkBlockAll
        self.networkAllowList = networkAllowList
        self.contextHashScheme = contextHashScheme
        self.contextHashCache = contextHashCache
    }

    /// Checks what the Python SDK checks before sending, with its messages, and what the API
    /// would refuse anyway.
    func validate() throws {
        if [snapshot != nil, image != nil, imageName != nil].filter({ $0 }).count > 1 {
            throw DaytonaBadRequestError(message: "Give one of a snapshot, an image and an image name, not several")
        }
        if resources != nil && image == nil && imageName == nil {
            throw DaytonaBadRequestError(
                message: "Resources can only be set for a sandbox built from an image; a snapshot fixes them"
            )
        }
        if let autoStopInterval, autoStopInterval < 0 {
            throw DaytonaBadRequestError(message: "auto_stop_interval must be a non-negative integer")
        }
        if let autoArchiveInterval, autoArchiveInterval < 0 {
            throw DaytonaBadRequestError(message: "auto_archive_interval must be a non-negative integer")
        }
        for volume in volumes where volume.volumeID.isEmpty || !volume.mountPath.hasPrefix("/") {
            throw DaytonaBadRequestError(
                message: "Volume '\(volume.volumeID)' needs an id and an absolute mount path, not '\(volume.mountPath)'"
            )
        }
    }

    /// The language the sandbox's code runs use.
    func resolvedLanguage() throws -> CodeLanguage {
        if let language { return language }
        guard let label = labels[CodeLanguage.label] else { return .python }
        guard let language = CodeLanguage(rawValue: label) else {
            throw DaytonaBadRequestError(message: "Invalid \(CodeLanguage.label): \(label)")
        }
        return language
    }

    /// The request body, with the client's default target.
    ///
    /// `contextHashes` are those of ``image``'s uploaded contexts; the caller has already run
    /// ``validate()``.
    func wireBody(defaultTarget: String?, contextHashes: [String] = []) throws -> Components.Schemas.CreateSandbox {
        var labels = self.labels
        labels[CodeLanguage.label] = try resolvedLanguage().rawValue
        var body = Components.Schemas.CreateSandbox()
        body.name = name
        body.snapshot = snapshot
        body.user = user
        body.env = .init(additionalProperties: envVars)
        body.labels = .init(additionalProperties: labels)
        body._public = isPublic
        body.target = target ?? defaultTarget
        body.autoStopInterval = autoStopInterval
        body.autoArchiveInterval = autoArchiveInterval
        body.autoDeleteInterval = autoDeleteInterval
        body.volumes = volumes.map { .init(volumeId: $0.volumeID, mountPath: $0.mountPath, subpath: $0.subpath) }
        body.networkBlockAll = networkBlockAll
        body.networkAllowList = networkAllowList
        let dockerfile = image?.dockerfile ?? imageName.map { Image.base($0).dockerfile }
        if let dockerfile {
            body.buildInfo = .init(dockerfileContent: dockerfile, contextHashes: image == nil ? nil : contextHashes)
            body.cpu = resources?.cpu
            body.memory = resources?.memory
            body.disk = resources?.disk
            body.gpu = resources?.gpu
        }
        return body
    }
}
