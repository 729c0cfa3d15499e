import PlaneModel

/// Volumes: each `mountPath` is an absolute path without `.` or `..` components, and no two
/// volumes of a pod are mounted at the same path. (Volume names are checked by `NameRules`.)
enum VolumeRules {
    static func check(_ context: SemanticContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for pod in context.documents.pods {
            var firstMount: [String: Int] = [:]
            for (index, volume) in pod.spec.volumes.enumerated() {
                let pointer = "/spec/volumes/\(index)/mountPath"
                let path = volume.mountPath
                if !path.hasPrefix("/") {
                    out.append(context.diagnostic(
                        "mount-path", file: pod.source.path, pointer: pointer,
                        "mountPath '\(path)' of volume '\(volume.name)' must be an absolute path (start with '/')"))
                } else if path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) {
                    out.append(context.diagnostic(
                        "mount-path", file: pod.source.path, pointer: pointer,
                        "mountPath '\(path)' of volume '\(volume.name)' must not contain '.' or '..' components"))
                }
                let normalised = "/" + path.split(separator: "/").joined(separator: "/")
                if let earlier = firstMount[normalised] {
                    out.append(context.diagnostic(
                        "mount-path", file: pod.source.path, pointer: pointer,
                        "mountPath '\(path)' is already used by volume '\(pod.spec.volumes[earlier].name)' at /spec/volumes/\(earlier)"))
                } else {
                    firstMount[normalised] = index
                }
            }
        }
        return out
    }
}
