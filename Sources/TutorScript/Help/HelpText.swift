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
        Topic(name: "backward", synopsis: line(QuantitySyntax.backward, "NAME"),
              details: """
              backward NAME computes, for every quantity v that NAME depends on, the error
              signal v̄ = ∂NAME/∂v, summing over every path (fan-out). NAME must be 1×1.
              Afterwards 'show' prints gradients and NAME.grad can be used in expressions.
                backward L      show w      explain w.grad
              """),
        Topic(name: "show", synopsis: line(QuantitySyntax.show, "[NAME...]"),
              details: """
              show NAME... prints each quantity's value and, after a backward that reaches it,
              its gradient (written with a bar: z̄). 'show' alone shows every quantity.
              """),
        Topic(name: "explain", synopsis: line(QuantitySyntax.explain, "NAME[.grad]"),
              details: """
              explain NAME shows NAME's definition, again with the numbers, and its value:
                z = w · x + b = 0.5 · 1.5 + 0.1 = 0.85
              explain NAME.grad shows the chain rule that produced NAME's error signal:
                z̄ = ȳ · ∂y/∂z = ȳ · σ'(z) = ȳ · y(1 − y) = … = −0.059400
              When NAME feeds several quantities (fan-out), each path's share is listed.
              """),
        Topic(name: "gradcheck", synopsis: line(GradCheckSyntax.schema, "NAME"),
              details: """
              gradcheck NAME runs backward from NAME (1×1) and compares the gradient of every
              leaf entry with a five-point central finite difference, step
              h = eps·max(1, |x|), showing both values and their relative error.
              Smooth functions agree to about 1e-9; step, sign, relu and abs do not at
              their kinks.
              """),
        Topic(name: "set", synopsis: line(SessionSyntax.set, "[KEY VALUE]"),
              details: """
              set digits N     significant digits in printed numbers (1 to 17, default 5)
              set              lists the settings
              JSON output always carries full precision.
              """),
        Topic(name: "names", synopsis: line(QuantitySyntax.names),
              details: "names lists every bound quantity: its shape, whether a leaf, its definition."),
        Topic(name: "reset", synopsis: line(QuantitySyntax.reset),
              details: "reset forgets every quantity and gradient; settings stay."),
        Topic(name: "help", synopsis: line(SessionSyntax.help, "[TOPIC]"),
              details: "help lists the commands; help TOPIC explains a command, 'functions' or 'syntax'."),
        Topic(name: "net", synopsis: "net 2-2-1 [hidden=F output=F | act=F1,…] [loss=L] [seed=S]  a layered network",
              details: """
              net SIZES builds a layered network as graph nodes: leaves x (the input, also
              a0), t (the target), W1, b1, …, WL, bL, and computed z_l = W_l @ a_(l−1) + b_l,
              a_l = f(z_l), and the loss L.
                net 2-2-1 hidden=sigmoid output=sigmoid loss=squared seed=3
                net 64-32-10 act=relu,softmax            (one activation per layer)
              Activations: sigmoid tanh relu softplus identity step sign, and softmax
              (output only). Losses: squared, ½ Σ (a − t)², and xent, −Σ t log a (with a
              softmax output, whose default it is).
              Weights start from a seeded Xavier draw (He for relu), biases at 0;
              W1 = [[…]] overwrites them.
              """),
        Topic(name: "data", synopsis: "data [and|or|nand|nor|xor | load FILE.csv [targets=K | classes=C]]  a data set",
              details: """
              data xor              a built-in set (and, or, nand, nor, xor):
                                    inputs {0,1}², target 0/1
              data xor features=product
                                    lecture 002's feature map, (x1, x2) to
                                    (x1, x2, x1·x2)
              data load FILE.csv    a numeric CSV (a header line is optional); the last
                                    column is the target, or the last K (targets=K), or
                                    a class 0…C−1 read one-hot (classes=C)
              data digits.csv       the same as data load: a word ending in .csv or
                                    holding a '/' is a file
              data                  describes the current set
              A relative path is read from the lesson's (or script's) folder, or else from
              the current directory.
              """),
        Topic(name: "sample", synopsis: "sample K              put sample K of the data into x and t",
              details: "sample K (1-based) sets the network's x and t to sample K; all else recomputes."),
        Topic(name: "train", synopsis: TrainSyntax.schema.synopsis,
              details: """
              Gradient descent on the mean of L over the data plus Λ/2 Σ‖W_l‖² (weights only):
                train epochs=1000 eta=0.5        train epochs=20 eta=0.1 mode=sgd seed=7
              It reports the final mean loss (and the accuracy, for classification);
              'losses' shows the curve.
              On a terminal Ctrl-C stops training and keeps the weights reached.
              """),
        Topic(name: "step", synopsis: "step [sample=K] eta=E   one gradient step (on sample K, or the batch)",
              details: """
              step sample=K eta=E takes one gradient step on sample K (step eta=E: on the
              whole batch) and shows the forward values, then each layer's δ, ∂L/∂W and the
              update, the output layer first (lecture 001: V before W).
              In a lesson, step "LABEL" marks a step boundary instead.
              """),
        Topic(name: "perceptron", synopsis: "perceptron [epochs=N] | perceptron step | perceptron reset",
              details: """
              Rosenblatt's algorithm on the current data: targets 0/1 read as −1/+1, w and b
              start at 0, samples in file order; y(w·x + b) ≤ 0 updates w += y x, b += y; it
              stops after an epoch without an update. It reports the updates, epochs, w, b,
              R = max‖(x, 1)‖ and, for separable data, the best margin γ and the bound 4R²/γ²
              of the convergence proof. 'perceptron step' makes one visit; 'perceptron reset'
              starts over.
              """),
        Topic(name: "predict", synopsis: line(EvaluationSyntax.predict, "[INPUT]"),
              details: "predict shows the output and class of every sample; predict [0, 1] of one input."),
        Topic(name: "accuracy", synopsis: line(EvaluationSyntax.accuracy),
              details: """
              accuracy on the current data, with the confusion matrix. One 0/1 output is
              class 1 when ≥ 0.5, ±1 targets use the sign, one-hot targets the largest output.
              """),
        Topic(name: "grid", synopsis: line(GridSyntax.schema),
              details: "grid draws the classes over the data's box, the samples on top (o = 0, x = 1)."),
        Topic(name: "losses", synopsis: line(EvaluationSyntax.losses),
              details: "losses plots the mean loss per epoch of the last 'train' (log scale if need be)."),
        Topic(name: "plot", synopsis: "plot EXPR[, EXPR…] for NAME in LOW..HIGH   curves of one variable",
              details: """
              plot EXPR, … for NAME in LOW..HIGH samples each expression with NAME bound to
              evenly spaced points from LOW to HIGH, both included, and draws the curves:
                plot sigmoid(z), sigmoid(5*z), step(z) for z in -4..4
                plot E for w in -1..3          (w a number leaf: E(w) through the graph)
              NAME is a new name or a 1×1 leaf; no binding changes. A column vector gives
              one curve per entry. --json gives {"plot": {"x": […], "series": […]}}.
              """),
        Topic(name: "notation", synopsis: "notation [ng|grosse|fleuret|kroese|notes|canonical]  the lectures' names",
              details: """
              notation NAME makes show and explain name a network's quantities as a lecture:
                ng       lecture 000: z⁽ˡ⁾, a⁽ˡ⁾ (layer 1 is the input), W⁽ˡ⁾, J; δ⁽ˡ⁾
                grosse   lecture 002: z, h, y, t, W⁽ˡ⁾, ℒ; z̄, h̄, ȳ
                fleuret  lecture 004: s⁽ˡ⁾, x⁽ˡ⁾, w⁽ˡ⁾, ℓ; ∂ℓ/∂s⁽ˡ⁾
                kroese   lecture 003: z_l, a_l, W_l, C; δ_l
                notes    lecture 001: x, h, d̂, d, W, V, f; δ
              Commands still take the canonical names (x t W1 b1 z1 a1 L).
              """),
        Topic(name: "lesson", synopsis: "title \"T\" · say \"…\" · step \"LABEL\" · ask ID EXPR \"Q\" [tol=T]  lessons",
              details: """
              In a .lesson file:
                title "TEXT"                  the lesson's title
                say "TEXT", or a \"\"\" block   narration
                step "LABEL"                  a step boundary
                ask ID EXPR "QUESTION"        an exercise whose answer is EXPR's value
                random(low, high, digits=D)   a number drawn for each student
              See Lessons/README.md, 'bptutor run', 'bptutor check', 'bptutor grade' and
              'bptutor repl LESSON'.
              """),
        Topic(name: "functions", synopsis: "",
              details: "Functions (one argument each):\n"
                + Functions.all.map { "  \($0.name.padding(10))\($0.summary)" }.joined(separator: "\n")),
        Topic(name: "syntax", synopsis: "",
              details: """
              One command per line; # starts a comment.
              Numbers: -4  0.5  1e-3   column vector: [1, 2]   matrix (rows): [[1, 2], [3, 4]]
              Operators, loosest to tightest:  + -   then  * / (elementwise; a 1×1 operand
              broadcasts) and @ (matrix product)   then unary -   then ^ (power, right-assoc;
              -x^2 is -(x^2)).
              Indexing is 1-based: v[2], W[1, 2].   NAME.grad: NAME's gradient, last backward.
              """),
    ]

    /// A command's line in the `help` list, from its schema: the command, its arguments as
    /// written here, its options, then its summary from column 24.
    static func line(_ schema: CommandSchema, _ arguments: String = "") -> String {
        let options = schema.options.map(\.synopsis)
        let usage = ([schema.keyword] + (arguments.isEmpty ? [] : [arguments]) + options).joined(separator: " ")
        return usage.padding(23) + schema.summary
    }

    /// The options part of `help CMD`, from the command's schema (so a new option is in
    /// its help as soon as it is declared): each option as written, what it does, and its
    /// default or that it is required, wrapped to 80 columns. Nil for a command without.
    static func optionList(_ schema: CommandSchema, of naming: Bool = false) -> [String]? {
        guard !schema.options.isEmpty else { return nil }
        let column = 16
        var lines = [naming ? "Options of \(schema.keyword):" : "Options:"]
        for option in schema.options {
            var what = option.help
            if option.missing != nil {
                what += " (required)"
            } else if let value = option.defaultValue {
                what += " (default \(value))"
            }
            if !option.aliases.isEmpty {
                what += "; also " + option.aliases.map { "\($0)=" }.joined(separator: ", ")
            }
            let spelled = "  \(option.name)=\(option.metavariable)"
            let wrapped = wrap(what, width: 80 - column)
            if spelled.count < column {
                lines.append(spelled.padding(column) + wrapped[0])
            } else {
                lines.append(spelled)
                lines.append(String(repeating: " ", count: column) + wrapped[0])
            }
            lines += wrapped.dropFirst().map { String(repeating: " ", count: column) + $0 }
        }
        return lines
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word
    /// stays whole).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        return lines + [current]
    }

    public static func text(for topic: Identifier?) throws(Diagnostic) -> String {
        guard let topic else { return overview }
        var name = topic.name == "assign" || topic.name == "assignment" ? "=" : topic.name
        if ["title", "say", "ask"].contains(name) { name = "lesson" }
        if let t = topics.first(where: { $0.name == name }) {
            let schema = CommandTable.command(named: name == "lesson" ? AskSyntax.schema.keyword : name)
            return ([t.details] + (schema.flatMap { optionList($0, of: name == "lesson") } ?? []))
                .joined(separator: "\n")
        }
        if let f = Functions.lookup(name) { return "\(f.name)(x): \(f.summary)" }
        let candidates = topics.map(\.name) + Functions.names
        var notes = ["try 'help' for the list of topics"]
        if let note = Suggestions.note(for: name, among: candidates, format: { "help \($0)" }) { notes = [note] }
        throw Diagnostic(ScriptMessage.unknownTopic(topic.name), at: topic.span, notes: notes)
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
