import Rendering
import Testing

/// Parsing `spec.network.proxy` into the host and port a NetworkPolicy names.
@Suite struct KubernetesEgressProxyTests {
    @Test(
        arguments: [
            ("http://proxy.corp.example:3128", "proxy.corp.example", 3128, nil),
            ("http://proxy.corp.example:3128/", "proxy.corp.example", 3128, nil),
            ("http://proxy.corp.example", "proxy.corp.example", 80, nil),
            ("https://proxy.corp.example", "proxy.corp.example", 443, nil),
            ("socks5://user@10.0.0.5", "10.0.0.5", 1080, "10.0.0.5/32"),
            ("http://10.20.30.40:3128", "10.20.30.40", 3128, "10.20.30.40/32"),
            ("http://[fd00::1]:8080", "fd00::1", 8080, "fd00::1/128"),
            ("http://999.1.1.1:8080", "999.1.1.1", 8080, nil),
        ] as [(String, String, Int, String?)])
    func parses(url: String, host: String, port: Int, cidr: String?) throws {
        let proxy = try #require(EgressProxy(url))
        #expect(proxy.host == host)
        #expect(proxy.port == port)
        #expect(proxy.cidr == cidr)
        #expect(proxy.url == url)
    }

    @Test(arguments: [
        "proxy:3128", "http://", "http://:3128", "http://proxy:0", "http://proxy:65536", "http://proxy:31a8",
        "http://proxy:3128/x", "http://proxy:3128?q", "http://[fd00::1", "http://[proxy]:80", "ftp://proxy",
        "http://a:b:3128",
    ])
    func refuses(url: String) {
        #expect(EgressProxy(url) == nil)
    }
}
