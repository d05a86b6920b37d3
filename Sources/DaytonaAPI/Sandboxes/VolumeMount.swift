/// A volume mounted into a new sandbox.
///
///     VolumeMount(volumeID: "vol-1", mountPath: "/home/daytona/data")
public struct VolumeMount: Sendable, Hashable {
    /// The volume's id.
    public var volumeID: String
    /// Where the volume appears inside the sandbox.
    public var mountPath: String
    /// A folder of the volume to mount instead of its root.
    public var subpath: String?

    /// Creates a mount.
    public init(volumeID: String, mountPath: String, subpath: String? = nil) {
        self.volumeID = volumeID
        self.mountPath = mountPath
        self.subpath = subpath
    }
}
