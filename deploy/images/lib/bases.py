#!/usr/bin/env python3
"""Builds the two base images from this Debian machine, without a registry or a container engine:

  java-base   a Java 17 runtime made with jlink from the machine's JDK (only the modules the programs use), the
              shared libraries it loads (found with ldd) and the dynamic loader, CA certificates, /etc/passwd and
              /etc/group with the non-root user rosterline (1001:1001). No shell, no package manager.
  nginx-base  Debian's nginx binary (from `apt-get download nginx nginx-common`, unpacked with dpkg-deb, never
              installed on the machine), its shared libraries, mime.types and a main nginx.conf that writes only to
              /tmp and logs to stdout/stderr, so it runs as 1001 on a read-only root filesystem.

Each is a docker-archive (target/base/<name>.tar) that Jib takes as a base image (tar://...). The bytes depend only
on the inputs: the JDK and the Debian packages the files come from (listed in the image, with their copyright
files, under /usr/share/rosterline-base/), so the same machine state gives the same image digest.

Usage: bases.py OUT_DIR [java-base] [nginx-base]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import imagetar  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BASE_FILES = os.path.join(HERE, "..", "base")
JAVA_HOME = os.environ.get("ROSTERLINE_BASE_JDK", "/usr/lib/jvm/java-17-openjdk-amd64")
LIBDIR = "usr/lib/x86_64-linux-gnu"
USER, UID = "rosterline", 1001

# The JDK modules in the runtime: what `jdeps --print-module-deps` finds in roster-api's, sync-worker's and
# sis-sandbox's jars, less jdk.compiler (Quarkus dev mode only), plus what is loaded by name rather than linked:
# jdk.crypto.ec (EC keys for TLS and JWTs), jdk.zipfs (jars read as file systems), jdk.naming.dns, jdk.management
# (Micrometer's process CPU metrics). Leaving out what jdeps reports fails at run time, not at start-up alone:
# without java.rmi, roster-api does not start (context propagation loads java.rmi.RemoteException); java.desktop
# holds java.beans, which Hibernate (dynamic instantiation), Jakarta EL (validation messages) and Jackson use.
# deploy/images/verify starts every program on this runtime.
MODULES = [
    "java.base", "java.logging", "java.naming", "java.management", "java.sql", "java.xml", "java.net.http",
    "java.security.jgss", "java.instrument", "java.transaction.xa", "java.desktop", "java.rmi", "java.scripting",
    "jdk.unsupported", "jdk.crypto.ec", "jdk.zipfs", "jdk.naming.dns", "jdk.management", "jdk.httpserver",
]

# java.desktop's native libraries for windows, fonts, image codecs, sound and the splash screen: a server never
# loads them, and they need X11, freetype, libjpeg, lcms and ALSA, which the image does not carry. Kept: libawt,
# libawt_headless, libmlib_image (no libraries beyond the JVM's). Headless java.awt classes and java.beans work;
# drawing text or decoding images would fail with an UnsatisfiedLinkError (no program here does either).
DESKTOP_NATIVES_LEFT_OUT = [
    "libawt_xawt.so", "libjawt.so", "libsplashscreen.so", "libfontmanager.so", "libjavajpeg.so", "liblcms.so",
    "libjsound.so",
]

PASSWD = f"root:x:0:0:root:/root:/sbin/nologin\n{USER}:x:{UID}:{UID}:Rosterline:/home/{USER}:/sbin/nologin\n" \
         "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
GROUP = f"root:x:0:\n{USER}:x:{UID}:\nnogroup:x:65534:\n"
NSSWITCH = "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n"
HOSTS = "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n"


def run(*args, **kwargs):
    return subprocess.run(args, check=True, text=True, capture_output=True, **kwargs).stdout


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def ldd_libraries(binaries, own_root=None):
    """Host paths of every shared library the ELF files load (transitively; ldd resolves the whole tree), less those
    that resolve inside `own_root` (the runtime's own libjvm, libjava, ...)."""
    found, missing = {}, []
    for binary in binaries:
        out = subprocess.run(["ldd", binary], text=True, capture_output=True).stdout
        for line in out.splitlines():
            line = line.strip()
            m = re.match(r"(\S+) => (\S+) \(0x", line)
            if m:
                name, path = m.groups()
                if own_root is None or not os.path.realpath(path).startswith(own_root + os.sep):
                    found[name] = path
            elif "=> not found" in line:
                name = line.split()[0]
                # libjvm.so sits in lib/server and is found through the launcher, which ldd of a library cannot know.
                own = own_root and any(name in files for _, _, files in os.walk(own_root))
                if not own:
                    missing.append(f"{name} (needed by {binary})")
            elif line.startswith("/") and "ld-linux" in line:
                found["ld-linux-x86-64.so.2"] = line.split()[0]
    if missing:
        raise SystemExit("shared libraries not found on this machine: " + ", ".join(sorted(set(missing))))
    return found


def debian_package(path):
    """The Debian package (name=version) that installed `path`, or None."""
    candidates = [path, os.path.realpath(path)]
    candidates += [c[len("/usr"):] for c in list(candidates) if c.startswith("/usr/")]
    candidates += ["/usr" + c for c in list(candidates) if not c.startswith("/usr/")]
    for candidate in candidates:
        r = subprocess.run(["dpkg-query", "-S", candidate], text=True, capture_output=True)
        if r.returncode == 0:
            package = r.stdout.split(":")[0].strip()
            version = run("dpkg-query", "-W", "-f=${Version}", package).strip()
            return package, version
    return None


def add_os_files(root, libraries, packages):
    """Loader, libraries, users, name service and CA files: what a dynamically linked program needs to start."""
    os.makedirs(os.path.join(root, LIBDIR), exist_ok=True)
    os.makedirs(os.path.join(root, "usr/lib64"), exist_ok=True)
    os.symlink("usr/lib", os.path.join(root, "lib"))
    os.symlink("usr/lib64", os.path.join(root, "lib64"))
    for name, host_path in sorted(libraries.items()):
        shutil.copyfile(os.path.realpath(host_path), os.path.join(root, LIBDIR, name))
        os.chmod(os.path.join(root, LIBDIR, name), 0o755)
        package = debian_package(host_path)
        if package:
            packages.add(package)
    os.symlink("../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", os.path.join(root, "usr/lib64/ld-linux-x86-64.so.2"))
    write(os.path.join(root, "etc/passwd"), PASSWD)
    write(os.path.join(root, "etc/group"), GROUP)
    write(os.path.join(root, "etc/nsswitch.conf"), NSSWITCH)
    write(os.path.join(root, "etc/hosts"), HOSTS)
    ca_bundle = "/etc/ssl/certs/ca-certificates.crt"
    if os.path.exists(ca_bundle):
        os.makedirs(os.path.join(root, "etc/ssl/certs"), exist_ok=True)
        shutil.copyfile(ca_bundle, os.path.join(root, "etc/ssl/certs/ca-certificates.crt"))
        packages.add(debian_package("/usr/share/ca-certificates") or ("ca-certificates", "?"))
    os.makedirs(os.path.join(root, "tmp"))
    os.chmod(os.path.join(root, "tmp"), 0o1777)
    os.makedirs(os.path.join(root, "home", USER))


def add_package_notices(root, packages, extra_docs=()):
    """Each source package's copyright file and a list of name=version, so the image says what it is made of."""
    doc = os.path.join(root, "usr/share/rosterline-base")
    os.makedirs(doc, exist_ok=True)
    for package, _ in sorted(packages):
        for candidate in [f"/usr/share/doc/{package}/copyright", *[d for d in extra_docs if f"/{package}/" in d]]:
            if os.path.exists(candidate):
                target = os.path.join(root, "usr/share/doc", package, "copyright")
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(candidate, target)
                break
    write(os.path.join(doc, "packages.txt"), "".join(f"{p}={v}\n" for p, v in sorted(packages)))


def java_version():
    out = subprocess.run([os.path.join(JAVA_HOME, "bin", "java"), "-version"], text=True, capture_output=True).stderr
    return out.splitlines()[0].strip() if out else "?"


def java_base(out_dir):
    work = tempfile.mkdtemp(prefix="java-base.")
    try:
        jre_layer, os_layer = os.path.join(work, "jre"), os.path.join(work, "os")
        os.makedirs(os.path.join(jre_layer, "opt"))
        jre = os.path.join(jre_layer, "opt", "java")
        run(os.path.join(JAVA_HOME, "bin", "jlink"), "--add-modules", ",".join(MODULES), "--strip-debug",
            "--no-man-pages", "--no-header-files", "--compress=2", "--output", jre)
        for name in DESKTOP_NATIVES_LEFT_OUT:
            path = os.path.join(jre, "lib", name)
            if os.path.exists(path):
                os.unlink(path)
        # The machine's CA store for Java (Debian's ca-certificates-java keeps it current), not the JDK's build-time copy.
        system_cacerts = "/etc/ssl/certs/java/cacerts"
        if os.path.exists(system_cacerts):
            shutil.copyfile(system_cacerts, os.path.join(jre, "lib/security/cacerts"))
        binaries = [os.path.join(jre, "bin", "java")]
        for dirpath, _, filenames in os.walk(os.path.join(jre, "lib")):
            binaries += [os.path.join(dirpath, f) for f in filenames if f.endswith(".so")]
        packages = set()
        jdk_package = debian_package(os.path.join(JAVA_HOME, "lib", "modules"))
        if jdk_package:
            packages.add(jdk_package)
        add_os_files(os_layer, ldd_libraries(binaries, os.path.realpath(jre)), packages)
        add_package_notices(os_layer, packages)
        version = java_version()
        config = {
            "User": f"{UID}:{UID}",
            "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
            "WorkingDir": "/",
            "Labels": {
                "org.opencontainers.image.title": "rosterline java-base",
                "org.opencontainers.image.description": f"jlink runtime ({version}) with {len(MODULES)} modules, "
                                                        "glibc and CA certificates from Debian; no shell",
                "io.rosterline.base.modules": ",".join(MODULES),
                "io.rosterline.base.packages": " ".join(f"{p}={v}" for p, v in sorted(packages)),
            },
        }
        out = os.path.join(out_dir, "java-base.tar")
        image_id = imagetar.write_docker_archive(
            out, "rosterline/java-base:17", [os_layer, jre_layer], config,
            ["deploy/images/lib/bases.py: glibc, zlib, libstdc++, CA certificates, users from Debian",
             f"deploy/images/lib/bases.py: jlink --add-modules {','.join(MODULES)}"])
        return out, image_id
    finally:
        shutil.rmtree(work, ignore_errors=True)


def apt_download(packages, into):
    r = subprocess.run(["apt-get", "download", *packages], cwd=into, text=True, capture_output=True)
    if r.returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        run("apt-get", "download", *packages, cwd=into)
    return sorted(os.path.join(into, f) for f in os.listdir(into) if f.endswith(".deb"))


def nginx_base(out_dir):
    work = tempfile.mkdtemp(prefix="nginx-base.")
    try:
        debs, unpacked, layer = os.path.join(work, "debs"), os.path.join(work, "unpacked"), os.path.join(work, "os")
        os.makedirs(debs)
        packages = set()
        for deb in apt_download(["nginx", "nginx-common"], debs):
            run("dpkg-deb", "-x", deb, unpacked)
            fields = run("dpkg-deb", "-f", deb, "Package", "Version")
            info = dict(line.split(": ", 1) for line in fields.strip().splitlines())
            packages.add((info["Package"], info["Version"]))
        nginx = os.path.join(unpacked, "usr/sbin/nginx")
        add_os_files(layer, ldd_libraries([nginx]), packages)
        os.makedirs(os.path.join(layer, "usr/sbin"), exist_ok=True)
        shutil.copyfile(nginx, os.path.join(layer, "usr/sbin/nginx"))
        os.chmod(os.path.join(layer, "usr/sbin/nginx"), 0o755)
        os.makedirs(os.path.join(layer, "etc/nginx/conf.d"))
        shutil.copyfile(os.path.join(unpacked, "etc/nginx/mime.types"), os.path.join(layer, "etc/nginx/mime.types"))
        shutil.copyfile(os.path.join(BASE_FILES, "nginx.conf"), os.path.join(layer, "etc/nginx/nginx.conf"))
        os.makedirs(os.path.join(layer, "usr/share/nginx/html"))
        docs = [os.path.join(unpacked, "usr/share/doc", p, "copyright") for p in ("nginx", "nginx-common")]
        add_package_notices(layer, packages, docs)
        nginx_version = next(v for p, v in packages if p == "nginx")
        config = {
            "User": f"{UID}:{UID}",
            "Env": ["PATH=/usr/sbin:/usr/bin:/bin"],
            "WorkingDir": "/",
            "Entrypoint": ["/usr/sbin/nginx", "-e", "stderr", "-g", "daemon off;"],
            "ExposedPorts": {"8080/tcp": {}},
            "Labels": {
                "org.opencontainers.image.title": "rosterline nginx-base",
                "org.opencontainers.image.description": f"Debian's nginx {nginx_version}, non-root, writes only /tmp",
                "io.rosterline.base.packages": " ".join(f"{p}={v}" for p, v in sorted(packages)),
            },
        }
        out = os.path.join(out_dir, "nginx-base.tar")
        image_id = imagetar.write_docker_archive(
            out, "rosterline/nginx-base:1", [layer], config,
            [f"deploy/images/lib/bases.py: nginx {nginx_version} from Debian with its libraries"])
        return out, image_id
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    out_dir = os.path.abspath(argv[0])
    os.makedirs(out_dir, exist_ok=True)
    builders = {"java-base": java_base, "nginx-base": nginx_base}
    for name in argv[1:] or list(builders):
        path, image_id = builders[name](out_dir)
        print(f"{name}: {path} ({os.path.getsize(path) / 1e6:.1f} MB, id {image_id[:19]})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
