import Evidence
import Foundation
import GitKit
import Promotion
import StateStore

extension PromotionReview {
    func approve(_ branch: String, reviewer: Commit.Signature?, allowedSigners: String?, context: CommandContext) throws -> ExitCode {
        throw CommandFailure(message: "approve is being wired to the merge support")
    }
}
