#!/usr/bin/env python3
"""Makes the benchmark trees under ROOT: one-1gib/ (one 1 GiB file), files-50k/ (20,000 files of
50 KB in 200 folders), files-1k/ (100,000 files of 1 KB in 1,000 folders). Random bytes; an
existing tree of the right shape is kept. Usage: make_trees.py ROOT [--small]"""
import os
import sys

root = sys.argv[1]
small = "--small" in sys.argv  # a quick smoke-test size
os.makedirs(root, exist_ok=True)

big = os.path.join(root, "one-1gib", "big.bin")
size = (64 << 20) if small else (1 << 30)
if not (os.path.exists(big) and os.path.getsize(big) == size):
    os.makedirs(os.path.dirname(big), exist_ok=True)
    with open(big, "wb") as f:
        block = os.urandom(1 << 20)
        for i in range(size >> 20):
            f.write(block[i % 7:] + block[: i % 7])


def tree(name, count, per_folder, size):
    top = os.path.join(root, name)
    marker = top + ".complete"
    if os.path.exists(marker):
        return
    pool = os.urandom(size + 4096)
    for i in range(count):
        folder = os.path.join(top, "d%04d" % (i // per_folder))
        if i % per_folder == 0:
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "f%06d.dat" % i), "wb") as f:
            offset = (i * 131) % 4096
            f.write(pool[offset:offset + size])
    open(marker, "w").close()


scale = 10 if small else 1
tree("files-50k", 20000 // scale, 100, 50 * 1000)
tree("files-1k", 100000 // scale, 100, 1000)
print(root)
