/// A student id (any text) as the seed of their variant of a lesson: FNV-1a,
/// so the same id gives the same numbers on every machine.
public enum StudentSeed {
    public static func seed(for id: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
