/// The time an action has left before its deadline (now + the bundle's `maxRunSeconds`), handed
/// to each program it runs as that program's timeout.
enum Deadline {
    /// Seconds from now until `deadline`; `deadlineExceeded` naming `action` when none are left.
    static func remainingSeconds(until deadline: ContinuousClock.Instant, action: @autoclosure () -> String)
        throws(ExecutorError) -> Double
    {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { throw .deadlineExceeded(action()) }
        let (seconds, attoseconds) = remaining.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
