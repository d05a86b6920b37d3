/// What a new snapshot is built from.
///
/// ```swift
/// let parameters = CreateSnapshotParameters(
///     name: "py312-app", image: Image.debianSlim("3.12").pipInstall("requests"),
///     resources: Resources(cpu: 2, memory: 4, disk: 8), entrypoint: ["sleep", "infinity"])
/// ```
public struct CreateSnapshotParameters: Sendable {
    /// The snapshot's name.
    public var name: String
    /// The image to build; its build contexts are uploaded first.
    public var image: Image?
    /// An image reference (`python:3.12-slim`) to use as it is, instead of ``image``.
    public var imageName: String?
    /// The resources sandboxes made from it get.
    public var resources: Resources?
    /// The command sandboxes made from it run.
    ///
    /// For an ``image`` it becomes the Dockerfile's `ENTRYPOINT` line, on a copy: the caller's
    /// image is unchanged.
    public var entrypoint: [String]?
    /// The region; `nil` is the client's target, else the organization's default.
    public var target: String?
    /// Which hash names each uploaded context (``ContextHashScheme/stable`` by default).
    public var contextHashScheme: ContextHashScheme
    /// Where the hashes of uploaded contexts are remembered, so an unchanged context is not read
    /// again to find its archive already uploaded (``ContextHashCache/default`` by default); `nil`
    /// reads every file every time.
    public var contextHashCache: ContextHashCache?

    /// Creates the parameters.
    public init(
        name: String,
        image: Image? = nil,
        imageName: String? = nil,
        resources: Resources? = nil,
        entrypoint: [String]? = nil,
        target: String? = nil,
        contextHashScheme: ContextHashScheme = .stable,
        contextHashCache: ContextHashCache? = .default
    ) {
        self.name = name
        self.image = image
        self.imageName = imageName
        self.resources = resources
        self.entrypoint = entrypoint
        self.target = target
        self.contextHashScheme = contextHashScheme
        self.contextHashCache = contextHashCache
    }

    func validate() throws {
        if name.isEmpty { throw DaytonaBadRequestError(message: "A snapshot needs a name") }
        if (image == nil) == (imageName == nil) {
            throw DaytonaBadRequestError(message: "Give a snapshot either an image or an image name")
        }
    }
}
