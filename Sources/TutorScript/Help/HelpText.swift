import ScriptSyntax

/// `help` and `help TOPIC`.
public enum HelpText {
    public struct Topic: Sendable {
        public var name: String
        public var synopsis: String
        public var details: String
    }

    public static let topics: [Topic] = [
        Topic(name: "=", synopsis: "NAME = EXPR            bind a quantity",
              details: """
              NAME = EXPR binds NAME to a new node of the computation graph.
              A right side of plain numbers makes a leaf (an input or a parameter):
                w = 0.5      x = [1, 2]      W1 = [[0.1, 0.2], [0.3, 0.4]]
              Assigning numbers to an existing leaf of the same shape changes it in place,
              and everything computed from it is recomputed (gradients too, after a backward):
                z = w*x + b     w = 2      # z changes
              Anything else makes a new node, so reusing a name is always safe:
                c = c + 1       # a new c, computed from the old one
              NAME += EXPR is NAME = NAME + EXPR (also -=, *=, /=).
              W1[1, 2] = 0.5 changes one entry of a leaf.
              """),
        Topic(name: "backward", synopsis: "backward NAME          error signals ∂NAME/∂v for every v",
              details: """
              backward NAME computes, for every quantity v that NAME depends on, the error
              signal v̄ = ∂NAME/∂v, summing over every path (fan-out). NAME must be 1×1.
              Afterwards 'show' prints gradients and NAME.grad can be used in expressions.
                backward L      show w      explain w.grad
              """),
        Topic(name: "show", synopsis: "show [NAME...]         values and gradients",
              details: """
              show NAME... prints each quantity's value and, after a backward that reaches it,
              its gradient (written with a bar: z̄). 'show' alone shows every quantity.
              """),
        Topic(name: "explain", synopsis: "explain NAME[.grad]    how a value or gradient was computed",
              details: """
              explain NAME shows NAME's definition, the same with numbers substituted, and its value:
                z = w · x + b = 0.5 · 1.5 + 0.1 = 0.85
              explain NAME.grad shows the chain rule that produced NAME's error signal:
                z̄ = ȳ · ∂y/∂z = ȳ · σ'(z) = ȳ · y(1 − y) = … = −0.059400
              When NAME feeds several quantities (fan-out), each path's contribution is listed.
              """),
        Topic(name: "gradcheck", synopsis: "gradcheck NAME [eps=H] backprop against finite differences",
              details: """
              gradcheck NAME runs backward from NAME (1×1) and compares the gradient of every
              leaf entry with a five-point central finite difference, step h = eps·max(1, |x|)
              (eps defaults to 1e-4), showing both values and their relative error.
              Smooth functions agree to about 1e-9; step, sign, relu and abs do not at their kinks.
              """),
        Topic(name: "set", synopsis: "set [KEY VALUE]        settings (set digits 10)",
              details: """
              set digits N     significant digits in printed numbers (1 to 17, default 5)
              set              lists the settings
              JSON output always carries full precision.
              """),
        Topic(name: "names", synopsis: "names                  every bound name, its shape and definition",
              details: "names lists every bound quantity: its shape, whether it is a leaf, and its definition."),
        Topic(name: "reset", synopsis: "reset                  forget everything (a fresh session)",
              details: "reset forgets every quantity and gradient; settings stay."),
        Topic(name: "help", synopsis: "help [TOPIC]           this help; help functions, help syntax",
              details: "help lists the commands; help TOPIC explains one (a command, 'functions' or 'syntax')."),
        Topic(name: "functions", synopsis: "",
              details: "Functions (one argument each):\n"
                + Functions.all.map { "  \($0.name.padding(10))\($0.summary)" }.joined(separator: "\n")),
        Topic(name: "syntax", synopsis: "",
              details: """
              One command per line; # starts a comment.
              Numbers: -4  0.5  1e-3      column vector: [1, 2]      matrix (rows): [[1, 2], [3, 4]]
              Operators, loosest to tightest:  + -   then  * / (elementwise; a 1×1 operand
              broadcasts) and @ (matrix product)   then unary -   then ^ (power, right-assoc;
              -x^2 is -(x^2)).
              Indexing is 1-based: v[2], W[1, 2].     NAME.grad: the gradient from the last backward.
              """),
    ]

    public static func text(for topic: Identifier?) throws(Diagnostic) -> String {
        guard let topic else { return overview }
        let name = topic.name == "assign" || topic.name == "assignment" ? "=" : topic.name
        if let t = topics.first(where: { $0.name == name }) { return t.details }
        if let f = Functions.lookup(name) { return "\(f.name)(x): \(f.summary)" }
        let candidates = topics.map(\.name) + Functions.names
        var notes = ["try 'help' for the list of topics"]
        if let guess = Suggestions.closest(to: name, among: candidates) { notes = ["did you mean 'help \(guess)'?"] }
        throw Diagnostic("no help on '\(topic.name)'", at: topic.span, notes: notes)
    }

    static var overview: String {
        var lines = ["Commands:"]
        lines += topics.filter { !$0.synopsis.isEmpty }.map { "  " + $0.synopsis }
        lines.append("")
        lines.append("Functions: " + Functions.names.joined(separator: ", "))
        lines.append("'help TOPIC' for more, e.g. 'help explain', 'help syntax', 'help functions'.")
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Left-justified in a field of `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
