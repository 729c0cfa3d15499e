// GitKit
