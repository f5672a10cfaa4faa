#!/usr/bin/env python3
"""Writes an image archive from gzip-compressed layer tarballs and an image configuration.

One tar file holds the image twice over the same blobs: as an OCI image layout (oci-layout,
index.json, blobs/sha256/...) for `ctr images import` and `docker load` of Docker 25+, and a
manifest.json for Docker up to 24 (Debian bookworm ships 20.10), which reads only that. Docker
25's `docker save` writes the same pair.

Written here rather than with skopeo or umoci from Debian: each of those writes either an OCI
archive (Docker 20.10 cannot load it) or a docker-archive (not OCI, with uncompressed layers),
never the pair; and this keeps the output byte-for-byte reproducible (fixed times, sorted
entries, no host names or user ids), so unchanged inputs give the same image digest.

  oci-archive.py --name replicated-store.local/datanode:0.1.0 --out datanode.tar \\
      --layer base.tar.gz --layer app.tar.gz --user 1000:1000 --workdir /data \\
      --entrypoint '["java", "-jar", "/app/datanode.jar"]' --env LANG=C.UTF-8 --port 6379/tcp
"""
import argparse
import datetime
import gzip
import hashlib
import io
import json
import os
import tarfile

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"


def sha256_file(path, opener=open):
    digest = hashlib.sha256()
    with opener(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def layer_digests(path):
    """(digest, diff_id) of a gzip layer; remembered in <layer>.digests, as unpacking the base
    layer to hash it takes seconds."""
    stat = os.stat(path)
    stamp = "%d %d" % (stat.st_size, stat.st_mtime_ns)
    try:
        with open(path + ".digests") as f:
            cached = f.read().split()
        if " ".join(cached[:2]) == stamp:
            return cached[2], cached[3]
    except (OSError, IndexError):
        pass
    digests = sha256_file(path), sha256_file(path, gzip.open)
    with open(path + ".digests", "w") as f:
        f.write("%s %s %s\n" % (stamp, *digests))
    return digests


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--name", required=True, help="full image reference, registry/repository:tag")
    p.add_argument("--out", required=True)
    p.add_argument("--layer", action="append", required=True, help="gzip tarball, bottom layer first")
    p.add_argument("--layer-comment", action="append", default=[], help="history comment per layer")
    p.add_argument("--entrypoint", type=json.loads, default=None, help="JSON array")
    p.add_argument("--cmd", type=json.loads, default=None, help="JSON array")
    p.add_argument("--env", action="append", default=[], help="NAME=value")
    p.add_argument("--user")
    p.add_argument("--workdir")
    p.add_argument("--port", action="append", default=[], help="6379/tcp")
    p.add_argument("--label", action="append", default=[], help="key=value")
    p.add_argument("--created", type=int, default=int(os.environ.get("SOURCE_DATE_EPOCH", "0")),
                   help="seconds since the epoch (default: $SOURCE_DATE_EPOCH or 0)")
    a = p.parse_args()

    created = datetime.datetime.fromtimestamp(a.created, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    tag = a.name.rsplit(":", 1)[1] if ":" in a.name.rsplit("/", 1)[-1] else "latest"
    comments = a.layer_comment + [None] * (len(a.layer) - len(a.layer_comment))

    layers = []  # (digest hex, size, diff_id hex, path)
    for path in a.layer:
        digest, diff_id = layer_digests(path)
        layers.append((digest, os.path.getsize(path), diff_id, path))

    config = {k: v for k, v in {
        "Entrypoint": a.entrypoint,
        "Cmd": a.cmd,
        "Env": a.env or None,
        "User": a.user,
        "WorkingDir": a.workdir,
        "ExposedPorts": {port: {} for port in a.port} or None,
        "Labels": dict(label.split("=", 1) for label in a.label) or None,
    }.items() if v is not None}
    image_config = canonical({
        "created": created,
        "architecture": "amd64",
        "os": "linux",
        "config": config,
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff for _, _, diff, _ in layers]},
        # One entry per layer: Docker checks that the non-empty history matches the layers.
        "history": [{"created": created, "created_by": "deploy/images/oci-archive.py",
                     **({"comment": c} if c else {})} for c in comments],
    })
    config_digest = hashlib.sha256(image_config).hexdigest()
    manifest = canonical({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": {"mediaType": OCI_CONFIG, "digest": "sha256:" + config_digest, "size": len(image_config)},
        "layers": [{"mediaType": OCI_LAYER_GZIP, "digest": "sha256:" + d, "size": s} for d, s, _, _ in layers],
    })
    manifest_digest = hashlib.sha256(manifest).hexdigest()
    index = canonical({
        "schemaVersion": 2,
        "mediaType": OCI_INDEX,
        "manifests": [{
            "mediaType": OCI_MANIFEST, "digest": "sha256:" + manifest_digest, "size": len(manifest),
            # containerd names the imported image after the first, Docker 25+ and skopeo after the second.
            "annotations": {"io.containerd.image.name": a.name, "org.opencontainers.image.ref.name": tag},
        }],
    })
    docker_manifest = canonical([{
        "Config": "blobs/sha256/" + config_digest,
        "RepoTags": [a.name],
        "Layers": ["blobs/sha256/" + d for d, _, _, _ in layers],
    }])

    def entry(name, size=0, directory=False):
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = a.created
        info.mode = 0o755 if directory else 0o644
        info.type = tarfile.DIRTYPE if directory else tarfile.REGTYPE
        info.uname = info.gname = ""
        return info

    tmp = "%s.%d.tmp" % (a.out, os.getpid())
    with tarfile.open(tmp, "w", format=tarfile.PAX_FORMAT) as out:
        out.addfile(entry("blobs/", directory=True))
        out.addfile(entry("blobs/sha256/", directory=True))
        files = {d: path for d, _, _, path in layers}  # a layer given twice is stored once
        blobs = {config_digest: image_config, manifest_digest: manifest}
        for name in sorted(set(blobs) | set(files)):
            if name in blobs:
                out.addfile(entry("blobs/sha256/" + name, len(blobs[name])), io.BytesIO(blobs[name]))
            else:
                with open(files[name], "rb") as f:
                    out.addfile(entry("blobs/sha256/" + name, os.path.getsize(files[name])), f)
        for name, data in (("index.json", index), ("manifest.json", docker_manifest),
                           ("oci-layout", canonical({"imageLayoutVersion": "1.0.0"}))):
            out.addfile(entry(name, len(data)), io.BytesIO(data))
    os.replace(tmp, a.out)
    print("sha256:" + manifest_digest)


if __name__ == "__main__":
    main()
