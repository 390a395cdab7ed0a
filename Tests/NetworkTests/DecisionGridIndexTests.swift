import Testing
@testable import BackpropCore

/// Points to grid cells: nearest point, outside, and arithmetic that is not
/// finite (huge inputs make the box's width infinite) never trap.
@Suite struct DecisionGridIndexTests {
    @Test func nearestPointOfTheRange() {
        #expect(DecisionGrid.index(of: 0, in: 0...1, count: 5) == 0)
        #expect(DecisionGrid.index(of: 1, in: 0...1, count: 5) == 4)
        #expect(DecisionGrid.index(of: 0.49, in: 0...1, count: 5) == 2)   // 1.96 → 2
        #expect(DecisionGrid.index(of: 1.2, in: 0...1, count: 5) == nil)
        #expect(DecisionGrid.index(of: -0.2, in: 0...1, count: 5) == nil)
    }

    @Test func nonFiniteArithmeticIsNoCell() {
        let huge = -1e308...1e308                // width overflows to ∞
        #expect(DecisionGrid.index(of: 1e308, in: huge, count: 10) == nil)
        #expect(DecisionGrid.index(of: .nan, in: 0...1, count: 10) == nil)
        #expect(DecisionGrid.index(of: 1e300, in: 0...1e-300, count: 10) == nil)
    }

    @Test func cellRowsCountFromTheTop() throws {
        let net = try Network(spec: try NetworkSpec(sizes: [2, 1], hidden: .sigmoid, output: .sigmoid),
                              weights: [Tensor(rowsOf: [[1, 1]])], biases: [Tensor(column: [0])])
        let grid = try DecisionGrid.compute(net, x1: 0...1, x2: 0...1, columns: 3, rows: 3)
        #expect(grid.cell(x1: 0, x2: 1)! == (row: 0, column: 0))
        #expect(grid.cell(x1: 1, x2: 0)! == (row: 2, column: 2))
        #expect(grid.cell(x1: 2, x2: 0) == nil)
    }
}
