import Glibc

/// The file name of each (lesson, variant) record, safe for any text.
///
///     <lesson>.json             the default numbers
///     <lesson>@<variant>.json   the student id given with --seed (may be empty: "02-xor@.json")
///
/// Both parts are percent-encoded: ASCII letters, digits, '-' and '_' stay, every
/// other byte of their UTF-8 becomes %XX (so '/', '.', '@', '%', spaces, newlines and
/// non-ASCII text cannot make a path, a hidden file or an ambiguous name). A name that
/// would be longer than 200 bytes (file names may have 255) is cut to 150 and ends with
/// '#' and the 64-bit FNV-1a hash of the full name instead; such a name cannot be decoded,
/// and the store identifies the file by what it holds.
///
/// Names starting with '.' are never record names: the store's temporary files are
/// `.tmp-<pid>-<random>`.
enum ProgressFileName {
    static let suffix = ".json"
    static let maximumLength = 200
    static let keptPrefixLength = 150
    static let temporaryPrefix = ".tmp-"

    static func name(lessonID: String, variant: String?) -> String {
        var name = encode(lessonID)
        if let variant { name += "@" + encode(variant) }
        name += suffix
        guard name.utf8.count > maximumLength else { return name }
        let hash = FNV1a.hash(name.utf8)
        let hex = String(hash, radix: 16)
        return String(name.prefix(keptPrefixLength)) + "#" + String(repeating: "0", count: 16 - hex.count) + hex + suffix
    }

    /// The lesson and variant a record name stands for; nil for names that are not
    /// record names, or are hashed.
    static func key(of name: String) -> (lessonID: String, variant: String?)? {
        guard name.hasSuffix(suffix), !name.hasPrefix("."), !name.contains("#") else { return nil }
        let stem = name.dropLast(suffix.count)
        let parts = stem.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let lesson = decode(parts[0]), !lesson.isEmpty else { return nil }
        var variant: String?
        if parts.count == 2 {
            guard let v = decode(parts[1]) else { return nil }
            variant = v
        }
        // Only the canonical spelling counts ("%41" for "A" is not a record name).
        return self.name(lessonID: lesson, variant: variant) == name ? (lesson, variant) : nil
    }

    static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    static func encode(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            if isKept(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            } else if isKept(byte) {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The process id in a temporary file's name, or nil when it is not one.
    static func temporaryOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix(temporaryPrefix) else { return nil }
        let rest = name.dropFirst(temporaryPrefix.count)
        guard let dash = rest.firstIndex(of: "-") else { return nil }
        return pid_t(rest[..<dash])
    }
}
