import Foundation
import PlaneModel

/// A fixed-size, lock-protected array the parallel per-file stage writes its results into.
final class OutcomeBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [FileOutcome?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    /// Stores the outcome of file `index`.
    func set(_ index: Int, _ outcome: FileOutcome) {
        lock.lock()
        slots[index] = outcome
        lock.unlock()
    }

    /// The outcomes in file order. A slot left empty (impossible unless a worker was lost)
    /// becomes an internal-error outcome for the path in `fallback`, never a silent gap.
    func values(fallback paths: [String]) -> [FileOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return slots.enumerated().map { index, outcome in
            outcome ?? FileOutcome(path: paths[index], diagnostics: [
                Diagnostic(file: paths[index], code: "internal", message: "file was not checked (internal error)")
            ])
        }
    }
}
