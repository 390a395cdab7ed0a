/// Leaves (inputs and parameters) and constants: values set from outside.
/// They compute nothing and pass no signal on; the drivers skip them.
enum Leaf {
    static let resultShape = Shape.scalar

    /// A leaf inside a formula is written by name, so this is never reached.
    static func render() -> FormulaRenderer.Piece { .init(text: "?", level: 5) }
}
