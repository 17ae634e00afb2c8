#!/usr/bin/env python3
"""Runs one program of an unpacked image the way a container runtime would, without one. deploy/images/verify starts
it as `unshare --mount --pid --fork --kill-child python3 contain.py SPEC.json`, so it is PID 1 of a new PID namespace
with mounts of its own; the network is the machine's (the verify reaches the programs on 127.0.0.1).

SPEC: {"root": unpacked rootfs, "readOnlyRoot": bool, "tmpfs": [container paths] (emptyDir volumes),
       "binds": [[host path, container path, read-only]] (ConfigMap volumes, /etc/hosts), "uid", "gid",
       "workingDir", "argv": [...], "env": {...}}

In order: the root is bind-mounted onto itself and made read-only (readOnlyRootFilesystem), /proc, a minimal /dev
(null, zero, full, random, urandom, fd, stdin/out/err, shm), the emptyDirs as tmpfs and the bind mounts go on top,
then chroot, chdir to the working directory, no_new_privs (allowPrivilegeEscalation: false), drop every group and
switch to uid:gid (which also drops every capability), and exec the entrypoint with exactly the given environment.
"""
import ctypes
import json
import os
import subprocess
import sys

PR_SET_NO_NEW_PRIVS = 38


def mount(*args):
    subprocess.run(["mount", *args], check=True)


def inside(root, path):
    return os.path.join(root, path.lstrip("/"))


def main(spec_path):
    with open(spec_path) as f:
        spec = json.load(f)
    root = spec["root"]
    mount("--make-rprivate", "/")
    mount("--bind", root, root)
    if spec.get("readOnlyRoot"):
        mount("-o", "remount,bind,ro", root)
    mount("-t", "proc", "-o", "nosuid,nodev,noexec", "proc", inside(root, "/proc"))
    dev = inside(root, "/dev")
    mount("-t", "tmpfs", "-o", "nosuid,mode=0755,size=64k", "tmpfs", dev)
    for name in ("null", "zero", "full", "random", "urandom"):
        open(os.path.join(dev, name), "w").close()
        mount("--bind", f"/dev/{name}", os.path.join(dev, name))
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")):
        os.symlink(target, os.path.join(dev, name))
    os.mkdir(os.path.join(dev, "shm"))
    mount("-t", "tmpfs", "-o", "nosuid,nodev,mode=1777,size=64m", "tmpfs", os.path.join(dev, "shm"))
    for path in spec.get("tmpfs", []):
        mount("-t", "tmpfs", "-o", "nosuid,nodev,mode=1777,size=512m", "tmpfs", inside(root, path))
    for host, path, read_only in spec.get("binds", []):
        target = inside(root, path)
        mount("--bind", host, target)
        if read_only:
            mount("-o", "remount,bind,ro", target)

    os.chroot(root)
    os.chdir(spec.get("workingDir") or "/")
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")
    os.setgroups([])
    os.setgid(spec["gid"])
    os.setuid(spec["uid"])
    argv = spec["argv"]
    os.execve(argv[0], argv, spec["env"])


if __name__ == "__main__":
    main(sys.argv[1])
