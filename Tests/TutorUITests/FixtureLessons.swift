/// Lessons kept with the tests, so their snapshots do not move when Lessons/ is edited.
enum FixtureLessons {
    static let all: [String: String] = [
        "logistic.lesson": #"""
title "Logistic least squares"
say """
Lecture 002: z = wx + b, y = σ(z), L = ½(y − t)².
"""
step "Forward"
w = random(0.2, 0.9, digits=2)
x = 1.5
b = 0.15
t = 1
z = w*x + b
y = sigmoid(z)
L = 0.5*(y - t)^2
ask q0 z "What is z?"
step "Backward"
backward L
ask q1 y.grad "What is ȳ?"
ask q2 z.grad "What is z̄?"
ask q3 w.grad "What is w̄?"
ask q4 w - 0.5*w.grad "What is w after one step with η = 0.5?"
"""#,
    ]
}
