import Foundation

/// Retries of retryable failures: exponential backoff with full jitter, bounded in attempts and
/// by the action's deadline. Terminal failures are never retried.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var base: Double
    public var cap: Double

    public init(attempts: Int = 4, base: Double = 0.5, cap: Double = 8) {
        self.attempts = attempts
        self.base = base
        self.cap = cap
    }

    /// The pause before attempt `n` (1-based retry number): random in [0, min(cap, base·2ⁿ)].
    public func delay(beforeRetry n: Int) -> Double {
        let ceiling = min(cap, base * pow(2, Double(n)))
        return Double.random(in: 0...ceiling)
    }

    /// Runs `body` until it succeeds, fails terminally, runs out of attempts or of time.
    /// Returns the attempts used.
    public func run(
        deadline: Double, sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
        onRetry: (Int, DriverFailure) -> Void = { _, _ in },
        _ body: (_ remaining: Double) throws(DriverFailure) -> Void
    ) throws(DriverFailure) -> Int {
        var attempt = 1
        while true {
            let remaining = deadline - Date().timeIntervalSince1970
            guard remaining > 0 else {
                throw DriverFailure(message: "out of time before attempt \(attempt)", retryable: false)
            }
            do {
                try body(remaining)
                return attempt
            } catch {
                guard error.retryable, attempt < attempts else { throw error }
                onRetry(attempt, error)
                let pause = delay(beforeRetry: attempt)
                if Date().timeIntervalSince1970 + pause >= deadline { throw error }
                sleep(pause)
                attempt += 1
            }
        }
    }
}
