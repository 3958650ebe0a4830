#!/usr/bin/env python3
"""Mutation fuzzing of `nianbao check` on the sample reports (a developer tool, not run by CI).

    scripts/fuzz.py [BIN] [ROUNDS] [SEED]          damaged reports: BIN check
    FUZZ_RULES=1 scripts/fuzz.py [BIN] [ROUNDS] [SEED]   damaged rule files: BIN rules check

Each round takes a file of reports-samples/, damages it (flipped, inserted or
deleted bytes, a truncation, a repeated or swapped block, an inflated ZIP entry
count for .docx, a broken xref or stream for .pdf) and runs `BIN check` on it
with a time limit.  A round fails when nianbao crashes (a signal, a sanitizer
report), hangs (more than 20 s), or exits with a status other than 0, 1, 2 or
prints more than one line on stderr for an unreadable file.  Failing inputs are
kept in fuzz-failures/ with the command's stderr.  Build with
-DNIANBAO_SANITIZE=ON for the sanitizers to speak.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build-asan", "engine", "nianbao")
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(seed)
rules_mode = os.environ.get("FUZZ_RULES") == "1"
folder = os.path.join(root, "rules" if rules_mode else "reports-samples")
samples = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                 if os.path.isfile(os.path.join(folder, f)) and (not rules_mode or f.endswith(".rules")))


def mutate(data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not b:
            b += os.urandom(16)
        op = rng.choice(["flip", "insert", "delete", "truncate", "repeat", "swap", "bigint"])
        i = rng.randrange(len(b))
        if op == "flip":
            for _ in range(rng.randint(1, 32)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif op == "insert":
            b[i:i] = rng.choice([b"\x00" * 64, b"<" * 300, b"\xe4\xb8", b"\n" * 500, b"\t" * 300,
                                 b"9" * 400, b"\xff\xfe", b"(((((((((("])
        elif op == "delete":
            del b[i:i + rng.randint(1, 4096)]
        elif op == "truncate":
            del b[i:]
        elif op == "repeat":
            j = min(len(b), i + rng.randint(1, 2048))
            b[i:i] = b[i:j] * rng.randint(2, 40)
        elif op == "swap":
            j = rng.randrange(len(b))
            a, c = sorted((i, j))
            n = min(512, c - a)
            b[a:a + n], b[c:c + n] = b[c:c + n], b[a:a + n]
        elif op == "bigint":
            b[i:i] = str(rng.choice([2**31, 2**63, 10**30, -1, 4294967295])).encode()
    return bytes(b)


failures = 0
outdir = os.path.join(root, "fuzz-failures")
with tempfile.TemporaryDirectory() as tmp:
    for n in range(rounds):
        src = rng.choice(samples)
        ext = os.path.splitext(src)[1]
        with open(src, "rb") as f:
            data = mutate(f.read())
        path = os.path.join(tmp, f"case{n}{ext}")
        with open(path, "wb") as f:
            f.write(data)
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=0", UBSAN_OPTIONS="halt_on_error=1")
        try:
            cmd = [binary, "rules", "check", path] if rules_mode else [binary, "check", "--format", "json", path]
            p = subprocess.run(cmd, capture_output=True, timeout=20, env=env)
            err = p.stderr.decode("utf-8", "replace")
            bad = None
            if p.returncode not in (0, 1, 2):
                bad = f"exit status {p.returncode}"
            elif "Sanitizer" in err or "runtime error" in err:
                bad = "sanitizer report"
            elif rules_mode and p.returncode == 2 and ": error: " not in err:
                bad = "rule file refused without a file:line:col: error: diagnostic"
            elif not rules_mode and p.returncode == 2 and len([l for l in err.splitlines() if l.strip()]) > 1 and "error:" in err:
                bad = "more than one line on stderr for one unreadable file"
        except subprocess.TimeoutExpired:
            bad, err = "timeout (20 s)", ""
        if bad:
            failures += 1
            os.makedirs(outdir, exist_ok=True)
            kept = os.path.join(outdir, f"seed{seed}-case{n}{ext}")
            shutil.copy(path, kept)
            with open(kept + ".stderr", "w") as f:
                f.write(err)
            print(f"FAIL {bad}: {kept} (from {os.path.basename(src)})", flush=True)
print(f"fuzz: {rounds} rounds, {failures} failures (seed {seed}, {binary})")
sys.exit(1 if failures else 0)
