import PlaneModel
import Rendering
import Testing

/// Image references and resource quantities as the Quadlet renderer reads them.
@Suite struct QuadletConversionTests {
    @Test(arguments: [
        "docker.io/library/busybox:1.36", "ghcr.io/acme/agent:1.2.3", "localhost/agentplane-test/busybox:latest",
        "registry.internal:5000/batch/job:2024.11", "[::1]:5000/x/y:z", "Docker.io/busybox:1", "quay.io/a/b__c/d-e.f:T_1",
        "ghcr.io/acme/agent@sha256:" + String(repeating: "0f", count: 32),
        "ghcr.io/acme/agent:1@sha256:" + String(repeating: "0f", count: 32),
    ])
    func fullyQualifiedImagesAreAccepted(_ text: String) {
        #expect(ImageReference(text) != nil)
    }

    @Test(arguments: [
        "busybox", "busybox:1", "library/busybox:1", "docker.io/library/busybox", "ghcr.io/acme/Agent:1",
        "ghcr.io/acme/agent:-x", "ghcr.io/acme/agent@sha256:ABC", "ghcr.io/acme/a--_b:1", "ghcr.io/acme/a___b:1",
        "-ghcr.io/a:1", "ghcr.io/a:1:2", "ghcr.io/acme/agent@sha256:" + String(repeating: "0F", count: 32), "",
    ])
    func shortOrMalformedImagesAreRefused(_ text: String) {
        #expect(ImageReference(text) == nil)
    }

    @Test func imagePartsAreSplit() throws {
        let reference = try #require(ImageReference("registry.internal:5000/batch/job:2024.11"))
        #expect(reference.registry == "registry.internal:5000")
        #expect(reference.path == "batch/job")
        #expect(reference.tag == "2024.11")
        #expect(reference.digest == nil)
    }

    @Test func memoryQuantitiesBecomeExactBytes() {
        let cases: [(String, Int?)] = [
            ("512Mi", 536_870_912), ("1Gi", 1_073_741_824), ("1.5Gi", 1_610_612_736), ("1G", 1_000_000_000),
            ("100", 100), ("0.5Ki", 512), ("1.1", 2), ("2Ti", 2_199_023_255_552), ("0", 0),
            ("lots", nil), ("1.", nil), (".5", nil), ("1e3", nil), ("-1", nil), ("99999999999999999999", nil),
            ("9000000Ti", nil),
        ]
        for (text, bytes) in cases {
            #expect(QuantityConversion.bytes(Quantity(text)) == bytes, "\(text)")
        }
    }

    @Test func cpuQuantitiesBecomeDecimalCores() {
        let cases: [(String, String?)] = [
            ("500m", "0.5"), ("2", "2"), ("1.50", "1.5"), ("250m", "0.25"), ("0.25m", "0.00025"), ("1000m", "1"),
            ("0", "0"), ("2.5", "2.5"), ("1.5.2", nil), ("m", nil), ("1Gi", nil),
        ]
        for (text, cores) in cases {
            #expect(QuantityConversion.cores(Quantity(text)) == cores, "\(text)")
        }
    }
}
