import Dispatch
import Synchronization

/// Work spread over all cores: lint's and grade's students are independent.
public enum Parallel {
    /// `body` of each item, run concurrently on all cores; the results in the items' order.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) -> R) -> [R] {
        let results = Mutex<[R?]>(Array(repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            let r = body(items[i])
            results.withLock { $0[i] = r }
        }
        return results.withLock { $0.map { $0! } }
    }
}
