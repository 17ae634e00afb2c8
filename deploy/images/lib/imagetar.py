"""Image tarballs without a container engine: write a docker-archive (the `docker save` format, which Jib accepts as a
base image given as tar://FILE), read one back, and unpack its layers into a root filesystem.

Writing is deterministic: entries sorted by path, owner root:root, one fixed modification time, normalised modes, no
gzip timestamps. The same staging directories therefore give the same bytes and the same image digest.
"""
import gzip
import hashlib
import io
import json
import os
import stat
import tarfile

# 1970-01-01T00:00:01Z, Jib's default file time, so base and application layers agree.
FIXED_MTIME = 1
FIXED_CREATED = "1970-01-01T00:00:00Z"


def _normalised_mode(st_mode):
    if stat.S_ISDIR(st_mode):
        return 0o1777 if st_mode & stat.S_ISVTX else 0o755
    if stat.S_ISLNK(st_mode):
        return 0o777
    return 0o755 if st_mode & 0o111 else 0o644


def layer_bytes(root):
    """An uncompressed layer tar of the directory `root` (paths relative to it, no leading slash)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        paths = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(dirnames + filenames):
                paths.append(os.path.join(dirpath, name))
        for path in sorted(paths, key=lambda p: os.path.relpath(p, root)):
            rel = os.path.relpath(path, root)
            st = os.lstat(path)
            info = tarfile.TarInfo(rel)
            info.mtime = FIXED_MTIME
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = _normalised_mode(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                info.type = tarfile.SYMTYPE
                info.linkname = os.readlink(path)
                tar.addfile(info)
            elif stat.S_ISDIR(st.st_mode):
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            elif stat.S_ISREG(st.st_mode):
                info.size = st.st_size
                with open(path, "rb") as f:
                    tar.addfile(info, f)
            else:
                raise ValueError(f"{path}: only files, directories and symlinks belong in an image layer")
    return buffer.getvalue()


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def write_docker_archive(out_path, repo_tag, layer_roots, config, history):
    """Writes a docker-archive with one gzip-compressed layer per staging directory in `layer_roots`.

    `config` is the image's "config" object (User, Env, WorkingDir, Labels, ...); `history` one "created_by" text per
    layer. Returns the image id (digest of the config JSON)."""
    layers = []
    for root in layer_roots:
        raw = layer_bytes(root)
        compressed = gzip.compress(raw, compresslevel=6, mtime=0)
        layers.append((sha256(raw), compressed))
    image_config = {
        "architecture": "amd64",
        "os": "linux",
        "created": FIXED_CREATED,
        "config": config,
        "rootfs": {"type": "layers", "diff_ids": [diff_id for diff_id, _ in layers]},
        "history": [{"created": FIXED_CREATED, "created_by": text} for text in history],
    }
    config_bytes = json.dumps(image_config, sort_keys=True, separators=(",", ":")).encode()
    config_name = sha256(config_bytes).split(":")[1] + ".json"
    layer_names = [sha256(data).split(":")[1] + "/layer.tar.gz" for _, data in layers]
    manifest = [{"Config": config_name, "RepoTags": [repo_tag], "Layers": layer_names}]
    manifest_bytes = json.dumps(manifest, separators=(",", ":")).encode()

    def add(tar, name, data):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = FIXED_MTIME
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(data))

    tmp = out_path + ".tmp"
    with tarfile.open(tmp, mode="w", format=tarfile.PAX_FORMAT) as tar:
        add(tar, config_name, config_bytes)
        for name, (_, data) in zip(layer_names, layers):
            add(tar, name, data)
        add(tar, "manifest.json", manifest_bytes)
    os.replace(tmp, out_path)
    return sha256(config_bytes)


class Image:
    """A docker-archive (as Jib's buildTar and `docker save` write it), read without unpacking it."""

    def __init__(self, path):
        self.path = path
        with tarfile.open(path) as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
            if len(manifest) != 1:
                raise ValueError(f"{path}: expected one image, found {len(manifest)}")
            self.manifest = manifest[0]
            self.config = json.load(tar.extractfile(self.manifest["Config"]))
        self.layers = self.manifest["Layers"]

    @property
    def tags(self):
        return self.manifest.get("RepoTags") or []

    @property
    def runtime(self):
        return self.config.get("config") or {}

    def unpack(self, dest):
        """Applies the layers in order into `dest`, honouring whiteouts (.wh.NAME and .wh..wh..opq)."""
        os.makedirs(dest, exist_ok=True)
        with tarfile.open(self.path) as outer:
            for layer in self.layers:
                with tarfile.open(fileobj=outer.extractfile(layer), mode="r:*") as tar:
                    members = tar.getmembers()
                    for m in members:
                        base = os.path.basename(m.name)
                        parent = os.path.join(dest, os.path.dirname(m.name))
                        if base == ".wh..wh..opq":
                            for entry in os.listdir(parent) if os.path.isdir(parent) else []:
                                _remove(os.path.join(parent, entry))
                        elif base.startswith(".wh."):
                            _remove(os.path.join(parent, base[len(".wh."):]))
                    keep = [m for m in members if not os.path.basename(m.name).startswith(".wh.")]
                    for m in keep:
                        target = os.path.join(dest, m.name)
                        if os.path.lexists(target) and not (m.isdir() and os.path.isdir(target)):
                            _remove(target)
                    _extract(tar, dest, keep)


def _extract(tar, dest, members):
    try:
        tar.extractall(dest, members=members, numeric_owner=True, filter="fully_trusted")
    except TypeError:  # Python before 3.11.4 has no extraction filters (and extracts as "fully_trusted" does)
        tar.extractall(dest, members=members, numeric_owner=True)


def _remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        for dirpath, dirnames, filenames in os.walk(path, topdown=False):
            for name in filenames:
                os.unlink(os.path.join(dirpath, name))
            for name in dirnames:
                p = os.path.join(dirpath, name)
                os.unlink(p) if os.path.islink(p) else os.rmdir(p)
        os.rmdir(path)
    elif os.path.lexists(path):
        os.unlink(path)
