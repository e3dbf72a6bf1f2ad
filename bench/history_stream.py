"""A `git fast-import` stream for a corpus: one commit with every file, then N commits that edit,
rename or delete a few content files each, with explicit dates, messages, minor trailers and change notes.
Deterministic (seeded). Usage: python3 history_stream.py SITE_DIR N > stream"""
import os, random, sys

site, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(19)
files = {}
for dirpath, _, names in os.walk(site):
    for name in names:
        p = os.path.join(dirpath, name)
        rel = os.path.relpath(p, site)
        with open(p, "rb") as f:
            files[rel] = f.read()
out = sys.stdout.buffer
t0 = 1_600_000_000
mark = 0

def data(b):
    out.write(b"data %d\n" % len(b))
    out.write(b)
    out.write(b"\n")

def commit(msg, when, ops):
    global mark
    mark += 1
    out.write(b"commit refs/heads/main\nmark :%d\n" % mark)
    who = b"Bench Person <bench.person@example.invalid>"
    out.write(b"author " + who + b" %d +0700\n" % when)
    out.write(b"committer " + who + b" %d +0700\n" % when)
    data(msg.encode())
    if mark > 1:
        out.write(b"from :%d\n" % (mark - 1))
    for op in ops:
        out.write(op)

ops = []
for rel in sorted(files):
    ops.append(b"M 100644 inline " + rel.encode() + b"\n")
    ops.append(b"data %d\n" % len(files[rel]) + files[rel] + b"\n")
commit("Đăng tải nội dung ban đầu", t0, ops)
content = sorted(r for r in files if r.startswith("content/") and (r.endswith(".md") or r.endswith(".yaml")))
for i in range(n):
    when = t0 + (i + 1) * 3600 * 7
    ops = []
    kind = rng.random()
    if kind < 0.03 and len(content) > 10:
        old = content.pop(rng.randrange(len(content)))
        d, b = os.path.split(old)
        new = os.path.join(d, "moved-%d-" % i + b)
        ops.append(b"R " + old.encode() + b" " + new.encode() + b"\n")
        content.append(new)
        files[new] = files.pop(old)
        msg = "Đổi tên tệp %s" % b
    elif kind < 0.05 and len(content) > 10:
        old = content.pop(rng.randrange(len(content)))
        ops.append(b"D " + old.encode() + b"\n")
        files.pop(old)
        msg = "Gỡ %s" % os.path.basename(old)
    else:
        for _ in range(rng.randint(1, 4)):
            rel = rng.choice(content)
            text = files[rel]
            if rel.endswith(".md"):
                text = text + ("\nĐoạn bổ sung số %d: cập nhật thông tin cho người dân.\n" % i).encode()
            else:
                text = text + ("# sửa lần %d\n" % i).encode()
            files[rel] = text
            ops.append(b"M 100644 inline " + rel.encode() + b"\n")
            ops.append(b"data %d\n" % len(text) + text + b"\n")
        msg = "Cập nhật nội dung, lần %d" % i
        if rng.random() < 0.2:
            msg += "\n\nMinor: yes"
        elif rng.random() < 0.2:
            msg += "\n\nChange-note: Sửa thông tin theo văn bản mới\nChange-note-en: Corrected from a new document"
    commit(msg, when, ops)
