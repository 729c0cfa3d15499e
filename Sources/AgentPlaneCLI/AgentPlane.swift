import Foundation

/// The command-line entry point.
public enum AgentPlane {
    public static func main() {
        exit(0)
    }
}
