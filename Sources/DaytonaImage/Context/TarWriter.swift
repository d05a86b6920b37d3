import DaytonaErrors
import DaytonaJSON
import DaytonaSystem

/// Writes a POSIX pax tar stream (ustar headers, with pax extended headers where ustar falls short).
///
/// A pax `x` header precedes a member whose name or link target is not ASCII or is too long for
/// ustar's fields, whose size is 8 GiB or more, or whose time does not fit; GNU tar, Python's
/// `tarfile` and Go's `archive/tar` read all of these. Owners are root (0/0, no names).
struct TarWriter {
    /// The output.
    let writer: ChunkWriter

    /// The member kinds the writer emits.
    enum Kind {
        /// A regular file.
        case file
        /// A folder.
        case directory
        /// A symbolic link.
        case symbolicLink(target: String)
    }

    private static let ustarSizeLimit: UInt64 = 0o77777777777

    /// Writes a member's header; a file's `size` bytes of content must follow, then ``pad(size:)``.
    func writeHeader(name: String, kind: Kind, permissions: UInt32, size: UInt64, modificationTime: Int64) throws {
        var pax: [(String, String)] = []
        var storedName = name
        var prefix = ""
        if !Self.fitsUstar(name, limit: 100) {
            if let (head, tail) = Self.splitForUstar(name) {
                prefix = head
                storedName = tail
            } else {
                pax.append(("path", name))
                storedName = Self.asciiFallback(name, limit: 100)
            }
        }
        var linkName = ""
        if case .symbolicLink(let target) = kind {
            linkName = target
            if !Self.fitsUstar(target, limit: 100) {
                pax.append(("linkpath", target))
                linkName = Self.asciiFallback(target, limit: 100)
            }
        }
        var headerSize = size
        if size > Self.ustarSizeLimit {
            pax.append(("size", String(size)))
            headerSize = 0
        }
        var headerTime = modificationTime
        if modificationTime < 0 || UInt64(modificationTime) > Self.ustarSizeLimit {
            pax.append(("mtime", String(modificationTime)))
            headerTime = 0
        }
        if !pax.isEmpty {
            var records: [UInt8] = []
            for (key, value) in pax { records += Self.paxRecord(key: key, value: value) }
            try writeBlock(
                name: "././@PaxHeader",
                prefix: "",
                typeFlag: UInt8(ascii: "x"),
                permissions: 0o644,
                size: UInt64(records.count),
                modificationTime: 0,
                linkName: ""
            )
            try writer.write(records)
            try pad(size: UInt64(records.count))
        }
        let typeFlag: UInt8
        switch kind {
        case .file: typeFlag = UInt8(ascii: "0")
        case .directory: typeFlag = UInt8(ascii: "5")
        case .symbolicLink: typeFlag = UInt8(ascii: "2")
        }
        try writeBlock(
            name: storedName,
            prefix: prefix,
            typeFlag: typeFlag,
            permissions: permissions,
            size: headerSize,
            modificationTime: headerTime,
            linkName: linkName
        )
    }

    /// Pads a member's content to the next 512-byte boundary.
    func pad(size: UInt64) throws {
        let remainder = Int(size % 512)
        if remainder != 0 { try writer.writeZeros(512 - remainder) }
    }

    /// Writes the end-of-archive marker: two zero blocks.
    func finish() throws {
        try writer.writeZeros(1024)
    }

    private func writeBlock(
        name: String,
        prefix: String,
        typeFlag: UInt8,
        permissions: UInt32,
        size: UInt64,
        modificationTime: Int64,
        linkName: String
    ) throws {
        try withUnsafeTemporaryAllocation(byteCount: 512, alignment: 8) { block in
            block.initializeMemory(as: UInt8.self, repeating: 0)
            func put(_ text: String, at offset: Int, width: Int) {
                var index = offset
                for byte in text.utf8.prefix(width) {
                    block[index] = byte
                    index += 1
                }
            }
            // Zero-padded octal in `width - 1` digits, then a NUL.
            func putOctal(_ value: UInt64, at offset: Int, width: Int) {
                var value = value
                var index = offset + width - 2
                while index >= offset {
                    block[index] = UInt8(ascii: "0") + UInt8(value & 7)
                    value >>= 3
                    index -= 1
                }
            }
            put(name, at: 0, width: 100)
            putOctal(UInt64(permissions & 0o7777), at: 100, width: 8)
            putOctal(0, at: 108, width: 8)
            putOctal(0, at: 116, width: 8)
            putOctal(size, at: 124, width: 12)
            putOctal(UInt64(max(modificationTime, 0)), at: 136, width: 12)
            for index in 148..<156 { block[index] = 0x20 }
            block[156] = typeFlag
            put(linkName, at: 157, width: 100)
            put("ustar", at: 257, width: 6)
            put("00", at: 263, width: 2)
            putOctal(0, at: 329, width: 8)
            putOctal(0, at: 337, width: 8)
            put(prefix, at: 345, width: 155)
            var checksum: UInt64 = 0
            for byte in block { checksum += UInt64(byte) }
            putOctal(checksum, at: 148, width: 7)
            block[155] = 0x20
            try writer.write(UnsafeRawBufferPointer(block))
        }
    }

    private static func fitsUstar(_ text: String, limit: Int) -> Bool {
        text.utf8.count <= limit && text.utf8.allSatisfy { $0 < 0x80 && $0 != 0 }
    }

    /// Splits an ASCII name into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a slash.
    private static func splitForUstar(_ name: String) -> (String, String)? {
        let bytes = Array(name.utf8)
        guard bytes.count <= 256, bytes.allSatisfy({ $0 < 0x80 && $0 != 0 }) else { return nil }
        // A folder's trailing slash is not a split point.
        let searchEnd = bytes.last == UInt8(ascii: "/") ? bytes.count - 1 : bytes.count
        var index = min(searchEnd - 1, 155)
        while index > 0 {
            if bytes[index] == UInt8(ascii: "/") && bytes.count - index - 1 <= 100 && bytes.count - index - 1 > 0 {
                return (
                    String(decoding: bytes[..<index], as: UTF8.self),
                    String(decoding: bytes[(index + 1)...], as: UTF8.self)
                )
            }
            index -= 1
        }
        return nil
    }

    private static func asciiFallback(_ text: String, limit: Int) -> String {
        let bytes = text.utf8.map { $0 < 0x80 && $0 != 0 ? $0 : UInt8(ascii: "_") }
        return String(decoding: bytes.prefix(limit), as: UTF8.self)
    }

    /// A pax record: `"<length> <key>=<value>\n"`, the length counting itself.
    static func paxRecord(key: String, value: String) -> [UInt8] {
        let body = key.utf8.count + value.utf8.count + 3
        var length = body + String(body).count
        if String(length).count > String(body).count { length = body + String(length).count }
        return Array("\(length) \(key)=\(value)\n".utf8)
    }
}
