import Foundation
import Glibc


/// A pipe whose read end is handed to the code under test.
struct Pipe {
    let readEnd: Int32
    let writeEnd: Int32

    init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0)
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(writeEnd, buffer.baseAddress! + offset, buffer.count - offset)
                precondition(count > 0)
                offset += count
            }
        }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    func closeWriteEnd() { close(writeEnd) }
    func closeReadEnd() { close(readEnd) }
}

/// A pseudo-terminal: the code under test uses `follower` as its terminal, the
/// test types into `leader` and reads what was displayed from it.
final class PseudoTerminal {
    private(set) var leader: Int32
    let follower: Int32

    init?(columns: UInt16 = 80, rows: UInt16 = 24) {
        // posix_openpt/grantpt/unlockpt/ptsname are not exported by Swift's Glibc
        // module; do what they do on Linux: open the multiplexer, unlock the
        // follower and ask for its number.
        let leader = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard leader >= 0 else { return nil }
        let setLock: UInt = 0x4004_5431    // TIOCSPTLCK = _IOW('T', 0x31, int)
        let getNumber: UInt = 0x8004_5430  // TIOCGPTN = _IOR('T', 0x30, unsigned int)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(leader, setLock, &unlock) == 0, ioctl(leader, getNumber, &number) == 0 else {
            close(leader)
            return nil
        }
        let follower = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard follower >= 0 else {
            close(leader)
            return nil
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(follower, UInt(TIOCSWINSZ), &size)
        // Raw mode from the start, as readline leaves it between its own changes:
        // keys queued before readline prepares the terminal must not be cooked by
        // the line discipline (DEL erasing, CR becoming LF, Ctrl-D meaning EOF).
        var modes = termios()
        _ = tcgetattr(follower, &modes)
        cfmakeraw(&modes)
        _ = tcsetattr(follower, TCSANOW, &modes)
        self.leader = leader
        self.follower = follower
        let flags = fcntl(leader, F_GETFL)
        _ = fcntl(leader, F_SETFL, flags | O_NONBLOCK)
    }

    /// Keys "typed" now are queued for the next read.
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        bytes.withUnsafeBytes { _ = Glibc.write(leader, $0.baseAddress, $0.count) }
    }

    /// Everything displayed since the last call.
    @discardableResult
    func drain() -> String {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(leader, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            output.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Closes the leader side, as when the terminal window is closed.
    func hangUp() {
        if leader >= 0 { close(leader) }
        leader = -1
    }

    deinit {
        close(follower)
        hangUp()
    }
}
