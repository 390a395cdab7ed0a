import BackpropCore
import TutorStore

/// What the network commands' JSON shares. (Each command's own objects are in its file in
/// Commands/.)
extension JSONOutput {
    static func numbers(_ v: [Double]) -> JSONValue { .array(v.map(JSONValue.number)) }
    static func optional(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }
}
