/// The machine a sandbox or snapshot gets.
///
///     Resources(cpu: 2, memory: 4, disk: 8)   // 2 CPUs, 4 GiB of memory, 8 GiB of disk
public struct Resources: Sendable, Hashable {
    /// CPU cores.
    public var cpu: Int?
    /// Memory in GiB.
    public var memory: Int?
    /// Disk in GiB.
    public var disk: Int?
    /// GPUs.
    public var gpu: Int?

    /// Creates a resource request; `nil` leaves a value to the server's default.
    public init(cpu: Int? = nil, memory: Int? = nil, disk: Int? = nil, gpu: Int? = nil) {
        self.cpu = cpu
        self.memory = memory
        self.disk = disk
        self.gpu = gpu
    }
}
