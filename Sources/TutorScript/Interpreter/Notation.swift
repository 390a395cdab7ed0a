import BackpropCore

/// The lectures' names for a layered network's quantities. The language keeps
/// the canonical names (x t Wl bl zl al L); `notation` only changes what `show`
/// and `explain` print.
public enum Notation: String, Sendable, CaseIterable {
    /// x, t, W1, b1, z1, a1, L; error signals z̄1, W̄1.
    case canonical
    /// Lecture 000 (Ng): z⁽ˡ⁾, a⁽ˡ⁾ with layer 1 the input, W⁽ˡ⁾, b⁽ˡ⁾, J; δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾.
    case ng
    /// Lecture 002 (Grosse): z, h, y, t, W⁽ˡ⁾, ℒ; error signals z̄, h̄, ȳ, W̄⁽¹⁾.
    case grosse
    /// Lecture 004 (Fleuret): s⁽ˡ⁾, x⁽ˡ⁾ with x⁽⁰⁾ the input, w⁽ˡ⁾, ℓ; ∂ℓ/∂s⁽ˡ⁾.
    case fleuret
    /// Lecture 003 (Kroese): z_l, a_l with a₀ = x, W_l, b_l, C; δ_l = ∂C/∂z_l.
    case kroese
    /// Lecture 001 (handwritten notes): x, h, d̂, d, W then V, loss f; δ.
    case notes

    public var lecture: String {
        switch self {
        case .canonical: "the language's own names"
        case .ng: "lecture 000 (z⁽ˡ⁾, a⁽ˡ⁾, δ⁽ˡ⁾, J)"
        case .grosse: "lecture 002 (z, h, y, ȳ, W̄)"
        case .fleuret: "lecture 004 (s⁽ˡ⁾, x⁽ˡ⁾, ∂ℓ/∂s⁽ˡ⁾)"
        case .kroese: "lecture 003 (z_l, a_l, δ_l, C)"
        case .notes: "lecture 001 (h, d̂, V, W, δ)"
        }
    }

    /// A network quantity: which kind, in which layer (1…depth; 0 for x, t, L).
    public enum Role: Sendable, Equatable {
        case input, target, loss
        case weight(Int), bias(Int), preActivation(Int), activation(Int)
    }

    /// The name of a quantity's value.
    public func name(_ role: Role, depth: Int) -> String {
        switch self {
        case .canonical:
            return Self.canonical(role)
        case .ng:
            switch role {
            case .input: return "x"
            case .target: return "y"
            case .loss: return "J"
            case .weight(let l): return "W" + Self.sup(l)
            case .bias(let l): return "b" + Self.sup(l)
            case .preActivation(let l): return "z" + Self.sup(l + 1)
            case .activation(let l): return "a" + Self.sup(l + 1)
            }
        case .grosse:
            switch role {
            case .input: return "x"
            case .target: return "t"
            case .loss: return "ℒ"
            case .weight(let l): return "W" + Self.sup(l)
            case .bias(let l): return "b" + Self.sup(l)
            case .preActivation(let l): return depth <= 2 && l == 1 ? "z" : "z" + Self.sup(l)
            case .activation(let l):
                if l == depth { return "y" }
                return depth == 2 ? "h" : "h" + Self.sup(l)
            }
        case .fleuret:
            switch role {
            case .input: return "x" + Self.sup(0)
            case .target: return "y"
            case .loss: return "ℓ"
            case .weight(let l): return "w" + Self.sup(l)
            case .bias(let l): return "b" + Self.sup(l)
            case .preActivation(let l): return "s" + Self.sup(l)
            case .activation(let l): return "x" + Self.sup(l)
            }
        case .kroese:
            switch role {
            case .input: return "x"
            case .target: return "y"
            case .loss: return "C"
            case .weight(let l): return "W" + Self.sub(l)
            case .bias(let l): return "b" + Self.sub(l)
            case .preActivation(let l): return "z" + Self.sub(l)
            case .activation(let l): return "a" + Self.sub(l)
            }
        case .notes:
            let output = depth == 2
            switch role {
            case .input: return "x"
            case .target: return "d"
            case .loss: return "f"
            case .weight(let l): return output ? (l == 1 ? "W" : "V") : Self.canonical(role)
            case .bias(let l): return output ? (l == 1 ? "b_h" : "b_d̂") : Self.canonical(role)
            case .preActivation(let l): return output ? (l == 1 ? "z_h" : "z_d̂") : Self.canonical(role)
            case .activation(let l): return output ? (l == 1 ? "h" : "d̂") : Self.canonical(role)
            }
        }
    }

    /// The name of a quantity's error signal, or nil for the bar over its name (v̄).
    public func gradientName(_ role: Role, depth: Int) -> String? {
        let lossName = name(.loss, depth: depth)
        switch self {
        case .canonical, .grosse:
            return nil
        case .ng:
            if case .preActivation(let l) = role { return "δ" + Self.sup(l + 1) }
        case .kroese:
            if case .preActivation(let l) = role { return "δ" + Self.sub(l) }
        case .notes:
            if depth == 2, case .preActivation(let l) = role { return l == 2 ? "δ_k" : "δ_m" }
        case .fleuret:
            break
        }
        return "∂\(lossName)/∂\(name(role, depth: depth))"
    }

    static func canonical(_ role: Role) -> String {
        switch role {
        case .input: NetworkNames.input
        case .target: NetworkNames.target
        case .loss: NetworkNames.loss
        case .weight(let l): NetworkNames.weight(l)
        case .bias(let l): NetworkNames.bias(l)
        case .preActivation(let l): NetworkNames.preActivation(l)
        case .activation(let l): NetworkNames.activation(l)
        }
    }

    static func sup(_ n: Int) -> String { "⁽" + ScriptDigits.superscript(n) + "⁾" }

    static func sub(_ n: Int) -> String { ScriptDigits.subscript(n) }
}

extension NetworkNodes {
    /// Each of the network's nodes with its role.
    var roles: [NodeID: Notation.Role] {
        var roles: [NodeID: Notation.Role] = [:]
        roles[input] = .input
        roles[target] = .target
        roles[loss] = .loss
        for l in 1...spec.depth {
            roles[weights[l - 1]] = .weight(l)
            roles[biases[l - 1]] = .bias(l)
            roles[preActivations[l - 1]] = .preActivation(l)
            roles[activations[l - 1]] = .activation(l)
        }
        return roles
    }
}
