import DaytonaErrors

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A moment as the file system records it: seconds since 1970 and nanoseconds into the second.
package struct FileTimestamp: Sendable, Hashable, Comparable {
    /// Whole seconds since 1970 (negative before).
    package var seconds: Int64
    /// Nanoseconds into the second, `0..<1_000_000_000`.
    package var nanoseconds: Int64

    /// Creates a moment.
    package init(seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    package static func < (left: FileTimestamp, right: FileTimestamp) -> Bool {
        (left.seconds, left.nanoseconds) < (right.seconds, right.nanoseconds)
    }

    /// This moment moved by whole seconds (saturating rather than overflowing).
    package func adding(seconds delta: Int64) -> FileTimestamp {
        let (sum, overflow) = seconds.addingReportingOverflow(delta)
        return FileTimestamp(seconds: overflow ? (delta < 0 ? .min : .max) : sum, nanoseconds: nanoseconds)
    }
}

/// Everything `lstat`/`stat` says that can show a path changed: its kind, mode, size, identity
/// (device and inode) and modification and status-change times to the nanosecond.
///
/// Two equal statuses of the same path, taken at different moments, mean the file was very
/// probably not changed in between (the assumption git's index and build tools make); a
/// change made within the file system's timestamp granularity of the first status is the
/// exception, which callers must guard against (see ``FileStatus/newestTime``).
package struct FileStatus: Sendable, Hashable {
    /// The kind of the path.
    package var kind: FileKind
    /// `st_mode`: the type and every permission bit.
    package var mode: UInt32
    /// `st_size` (for links, the length of the target; for folders, what the file system says).
    package var size: UInt64
    /// `st_dev`: the device holding the path.
    package var device: UInt64
    /// `st_ino`: the inode number on that device.
    package var inode: UInt64
    /// `st_mtim`: when the content last changed.
    package var modificationTime: FileTimestamp
    /// `st_ctim`: when the content or the inode (mode, links, owner) last changed; it cannot be
    /// set back by a program, so it changes even when the modification time is restored.
    package var changeTime: FileTimestamp

    /// Creates a status.
    package init(
        kind: FileKind,
        mode: UInt32,
        size: UInt64,
        device: UInt64,
        inode: UInt64,
        modificationTime: FileTimestamp,
        changeTime: FileTimestamp
    ) {
        self.kind = kind
        self.mode = mode
        self.size = size
        self.device = device
        self.inode = inode
        self.modificationTime = modificationTime
        self.changeTime = changeTime
    }

    /// The later of the two times.
    package var newestTime: FileTimestamp { max(modificationTime, changeTime) }
}

extension FileStatus {
    /// Converts a `stat` structure.
    package init(_ status: stat) {
        #if canImport(Darwin)
        let modified = status.st_mtimespec
        let changed = status.st_ctimespec
        #else
        let modified = status.st_mtim
        let changed = status.st_ctim
        #endif
        self.init(
            kind: FileInfo(status).kind,
            mode: UInt32(status.st_mode),
            size: UInt64(clamping: Int64(status.st_size)),
            device: UInt64(truncatingIfNeeded: status.st_dev),
            inode: UInt64(truncatingIfNeeded: status.st_ino),
            modificationTime: FileTimestamp(seconds: Int64(modified.tv_sec), nanoseconds: Int64(modified.tv_nsec)),
            changeTime: FileTimestamp(seconds: Int64(changed.tv_sec), nanoseconds: Int64(changed.tv_nsec))
        )
    }
}

extension LocalFileSystem {
    package func status(at path: String, followingLinks: Bool) throws -> FileStatus? {
        try systemStatus(at: path, followingLinks: followingLinks).map(FileStatus.init)
    }

    /// The wall-clock time now (`CLOCK_REALTIME`), the clock file timestamps are taken from.
    package static func currentTime() -> FileTimestamp {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return FileTimestamp(seconds: Int64(now.tv_sec), nanoseconds: Int64(now.tv_nsec))
    }
}
