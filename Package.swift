// swift-tools-version:6.0
// bptutor: a terminal tutor for backpropagation.
// Licensed GPL-3.0-or-later (it links GNU readline).
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "bptutor",
    products: [
        .executable(name: "bptutor", targets: ["bptutor"]),
        .executable(name: "bptutor-bench", targets: ["bptutor-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Pure engine: tensors, the tape, reverse mode, explanations. No I/O.
        .target(name: "BackpropCore", swiftSettings: strictSettings),
        // The command language's syntax: source files, lexer, parser, diagnostics. No engine.
        .target(name: "ScriptSyntax", dependencies: ["TermCore"], swiftSettings: strictSettings),
        // Persistence: the JSON codec, lesson progress, the REPL history, XDG paths, files. No UI.
        .target(name: "TutorStore", dependencies: ["BackpropCore", "TermCore"], swiftSettings: strictSettings),
        // The interpreter: statements -> engine calls -> results (text and JSON).
        .target(name: "TutorScript", dependencies: ["BackpropCore", "ScriptSyntax", "TutorStore", "TermCore"],
                swiftSettings: strictSettings),
        // The base every layer shares, with no deps: cells, the screen buffer, rectangles, keys, the
        // columns text takes (DisplayWidth), environment look-ups, raw descriptor writes.
        .target(name: "TermCore", swiftSettings: strictSettings),
        // System libraries from Debian's libreadline-dev and libncurses-dev (scripts/ensure-deps
        // installs them). No pkgConfig: ncursesw.pc's -D flags are dropped by SwiftPM with a
        // warning; the shim headers define what is needed and the module maps link the libraries.
        .systemLibrary(name: "CReadline"),
        .systemLibrary(name: "CNcurses"),
        // The full-screen tutor as pure functions: state, update(message), view → a cell buffer.
        .target(name: "TutorUI", dependencies: ["TermCore", "TutorScript", "ScriptSyntax", "BackpropCore"],
                swiftSettings: strictSettings),
        // The only code that touches the terminal: readline line editing, ncurses, signals. It knows
        // no app and no files: it draws ScreenBuffers, reports TerminalEvents, and reads and adds
        // to the LineHistory it is given (the executable passes the user's history file).
        .target(name: "Terminal", dependencies: ["CReadline", "CNcurses", "TermCore"],
                swiftSettings: strictSettings),
        .executableTarget(
            name: "bptutor",
            dependencies: [
                "BackpropCore", "ScriptSyntax", "TutorScript", "TutorStore", "TermCore", "TutorUI", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "bptutor-bench",
            dependencies: ["BackpropCore", "ScriptSyntax", "TutorScript", "TutorUI"],
            swiftSettings: strictSettings),
        // What several test targets share: fixtures (Tests/Fixtures) and temporary folders.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(name: "BackpropCoreTests", dependencies: ["BackpropCore"], swiftSettings: strictSettings),
        .testTarget(name: "ScriptSyntaxTests", dependencies: ["ScriptSyntax"], swiftSettings: strictSettings),
        .testTarget(name: "TutorScriptTests", dependencies: ["TestSupport", "TutorScript", "TutorStore", "ScriptSyntax", "BackpropCore"],
                    swiftSettings: strictSettings),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "bptutor"], swiftSettings: strictSettings),
        .testTarget(name: "NetworkTests", dependencies: ["BackpropCore"], swiftSettings: strictSettings),
        .testTarget(name: "TerminalTests", dependencies: ["TestSupport", "Terminal", "TermCore", "TutorStore", "TutorUI", "CNcurses"],
                    swiftSettings: strictSettings),
        .testTarget(name: "TutorStoreTests", dependencies: ["TestSupport", "TutorStore"], swiftSettings: strictSettings),
        .testTarget(name: "TutorUITests", dependencies: ["TestSupport", "TutorUI", "TermCore", "TutorScript", "ScriptSyntax", "BackpropCore"],
                    exclude: ["Snapshots"], swiftSettings: strictSettings),
        .testTarget(name: "LessonTests", dependencies: ["TutorScript", "ScriptSyntax", "BackpropCore"],
                    swiftSettings: strictSettings),
    ]
)
