import Foundation
import Testing
import TestSupport

/// `scripts/bptutor`, the README's first command, with a stand-in `swift` that
/// records how it was called: it builds only when a source is newer than the
/// binary, and a build never sees a terminal, whatever the caller's stderr is
/// (SwiftPM passes -color-diagnostics only on a terminal, and a changed flag
/// recompiles every module of a release build).
@Suite struct WrapperScriptTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A package folder with the real wrapper, a stand-in ensure-deps, and a
    /// `swift` on PATH that logs its arguments and whether its stderr is a terminal,
    /// then "builds" a binary that echoes its arguments.
    struct Sandbox {
        let dir: TemporaryDirectory
        var root: String { dir.path + "/pkg" }
        var log: String { dir.path + "/swift.log" }

        init() throws {
            dir = TemporaryDirectory()
            let fm = FileManager.default
            for folder in ["pkg/scripts", "pkg/Sources/App", "bin"] {
                try fm.createDirectory(atPath: dir.path + "/" + folder, withIntermediateDirectories: true)
            }
            let wrapper = try String(contentsOf: WrapperScriptTests.repository.appendingPathComponent("scripts/bptutor"),
                                     encoding: .utf8)
            try writeExecutable(root + "/scripts/bptutor", wrapper)
            try writeExecutable(root + "/scripts/ensure-deps", "#!/bin/sh\nexit 0\n")
            _ = try dir.write("pkg/Package.swift", "// stand-in\n")
            _ = try dir.write("pkg/Sources/App/main.swift", "print(1)\n")
            try writeExecutable(dir.path + "/bin/swift", """
                #!/bin/sh
                if [ -t 2 ]; then tty=terminal; else tty=pipe; fi
                echo "$* stderr=$tty" >> '\(log)'
                mkdir -p .build/release
                printf '#!/bin/sh\\necho "ran $*"\\n' > .build/release/bptutor
                chmod +x .build/release/bptutor

                """)
        }

        var environment: [String: String] {
            ["PATH": dir.path + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
        }

        /// The wrapper with stderr on a terminal (util-linux `script` gives it a pty).
        func runOnTerminal(_ argument: String) throws -> ProcessResult {
            try runProcess("/usr/bin/script", ["-qec", "\(root)/scripts/bptutor \(argument)", "/dev/null"],
                           environment: environment)
        }

        /// The wrapper with stderr to a file, as an autograder captures it.
        func runPiped(_ argument: String) throws -> ProcessResult {
            try runProcess(root + "/scripts/bptutor", [argument], environment: environment)
        }

        var builds: [String] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        /// Dates every file and folder of the package 30 s back and the binary 20 s
        /// back, so that only what a test changes next is newer than the binary (and a
        /// file system that keeps folder times to the second cannot blur it).
        func settle() throws {
            let fm = FileManager.default
            let past = Date().addingTimeInterval(-30)
            for path in ["Package.swift", "Sources", "Sources/App"]
                + (try fm.contentsOfDirectory(atPath: root + "/Sources/App")).map({ "Sources/App/" + $0 }) {
                try fm.setAttributes([.modificationDate: past], ofItemAtPath: root + "/" + path)
            }
            try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-20)],
                                 ofItemAtPath: root + "/.build/release/bptutor")
        }

        /// Marks a source as edited after the binary was built (dated in the past, as a
        /// real edit is: a time in the future would stay newer than any build).
        func editSource() throws {
            try settle()
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-10)],
                                                  ofItemAtPath: root + "/Sources/App/main.swift")
        }
    }

    @Test("builds when a source is newer, never otherwise, and the build never sees a terminal")
    func buildsOnlyWhenNeeded() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("util-linux 'script' is needed for this test (Debian: bsdutils)")
            return
        }
        let box = try Sandbox()
        defer { box.dir.remove() }
        let build = "build -c release --product bptutor stderr=pipe"

        let first = try box.runOnTerminal("one")
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("ran one"))
        #expect(box.builds == [build])

        // Nothing changed: the binary runs at once, whatever stderr is.
        #expect(try box.runPiped("two").stdout == "ran two\n")
        #expect(try box.runOnTerminal("three").stdout.contains("ran three"))
        #expect(box.builds == [build])

        // A source edited: one build, again with stderr a pipe.
        try box.editSource()
        let fourth = try box.runPiped("four")
        #expect(fourth.stdout == "ran four\n")
        #expect(fourth.stderr.contains("building"))
        #expect(box.builds == [build, build])
        #expect(try box.runOnTerminal("five").stdout.contains("ran five"))
        #expect(box.builds == [build, build])
    }

    @Test("a source file removed counts as a change (its folder changed)")
    func removedFileRebuilds() throws {
        let box = try Sandbox()
        defer { box.dir.remove() }
        _ = try box.dir.write("pkg/Sources/App/extra.swift", "print(2)\n")
        let first = try box.runPiped("one")
        #expect(box.builds.count == 1, "\(first)")
        try box.settle()
        _ = try box.runPiped("two")
        #expect(box.builds.count == 1)
        try FileManager.default.removeItem(atPath: box.root + "/Sources/App/extra.swift")
        _ = try box.runPiped("three")
        #expect(box.builds.count == 2)
    }
}
