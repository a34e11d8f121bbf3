#!/usr/bin/env python3
"""Run vanban (`vanban extract`) and pdftotext over the damage set of scripts/damage-set.py
and print, per kind of damage, side by side: files with text out, pages with text out,
and the word recall of the pages that came out.

"Files with text" counts files whose output has any word; "with a page out", files of
which at least one page came out (below), junk such as glyph codes printed for a font
without a Unicode map not counting.

A page of the undamaged source (its words from `pdftotext -f N -l N`, or the fixture's true
text where pdftotext cannot read the source) counts as out when
at least half of its words are found in the damaged file's output (a bag of words; each
word found is used up). The recall of a page is the share of its words found. For cut
files, "before cut" counts the pages whose objects all lie before the cut (manifest) that
came out, over all of them and over those the tool reads from the undamaged source (a
page it does not read undamaged cannot be salvaged). Also counts escaped panics (exit code 101 or a signal) and files over the time
budget, and, for vanban, the pages it reports complete (no warning names the page, the
partial warning does not list it missing) with their word recall against vanban's own
output of the same page of the undamaged file (the page cut out with pdfseparate), each
page against the whole output (`own_recall`).

Usage: scripts/damage-run.py [--bin target/release/vanban] [DIR]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import unicodedata

WORD = re.compile(r"\w+", re.U)


def words(text):
    text = unicodedata.normalize("NFC", text).lower()
    return WORD.findall(text)


def pdftotext(path, first=None, last=None):
    cmd = ["pdftotext", "-q", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first), "-l", str(last)]
    cmd += [path, "-"]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=120)
        return r.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return ""


def vanban(binary, path, timeout):
    try:
        r = subprocess.run([binary, "extract", "--timeout", str(timeout), path],
                           capture_output=True, timeout=timeout + 30)
    except subprocess.TimeoutExpired:
        return "", {"over": True}
    err = r.stderr.decode("utf-8", "replace")
    # a panic caught inside vanban still prints its message: only an exit by panic (101)
    # or by a signal escaped
    info = {"panic": r.returncode == 101 or r.returncode < 0,
            "over": "time budget" in err}
    try:
        doc = json.loads(r.stdout.decode("utf-8", "replace"))
    except ValueError:
        return "", info
    parts = [doc.get("text") or ""]
    for t in doc.get("tables") or []:
        for row in t.get("rows") or []:
            parts.extend(str(c) for c in row)
    info["document"] = True
    info["warnings"] = doc.get("warnings") or []
    info["partial"] = bool((doc.get("source") or {}).get("partial"))
    return "\n".join(parts), info


def own_recall(page_words, text):
    """Per page, the share of its words (with repeats) the output holds, each page against
    the whole output on its own: a page missing from the output then cannot take common
    words ("và", "các") from the pages after it, as one bag used up page by page lets it,
    and a table merged across pages (its cells at the end of the output) still counts."""
    bag = collections.Counter(words(text))
    return [sum(min(n, bag[w]) for w, n in collections.Counter(ws).items()) / len(ws)
            if ws else None for ws in page_words]


def pages_out(page_words, text):
    """Per page of the source: recall of its words in the bag of `text`."""
    bag = collections.Counter(words(text))
    out = []
    for ws in page_words:
        if not ws:
            out.append(None)
            continue
        found = 0
        for w in ws:
            if bag[w] > 0:
                bag[w] -= 1
                found += 1
        out.append(found / len(ws))
    return out


REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def expected_words(src):
    """The words of a fixture's true text (fixtures/pdf/source/NAME.expected.json), or None."""
    name = os.path.splitext(os.path.basename(src))[0]
    path = os.path.join(REPO, "fixtures", "pdf", "source", f"{name}.expected.json")
    if not os.path.exists(path):
        return None
    e = json.load(open(path, encoding="utf-8"))
    parts = list(e.get("paragraphs") or [])
    for t in e.get("tables") or []:
        for row in (t.get("rows") if isinstance(t, dict) else t) or []:
            parts.extend(str(c) for c in row)
    return words(" ".join(parts))


def reference_pages(src, pages):
    """Per page of the undamaged source, the words it holds: pdftotext's, except where
    pdftotext cannot read the source (fonts without a Unicode map: it prints glyph codes,
    "8%1'7ӌ1+/¬2&$,") and the fixture's true text is known: then page 1's words are that
    text (these fixtures are one-page letters, or a letter on page 1)."""
    pw = [words(pdftotext(src, i, i)) for i in range(1, pages + 1)]
    exp = expected_words(src)
    if exp and pw:
        bag = collections.Counter(w for ws in pw for w in ws)
        found = 0
        for w in exp:
            if bag[w] > 0:
                bag[w] -= 1
                found += 1
        if found / len(exp) < 0.5:
            pw[0] = exp
    return pw


def vanban_pages(binary, src, pages, timeout):
    """Per page of the undamaged source, the words vanban gives for that page alone (the
    page cut out with pdfseparate): the reference of "reported complete" recall."""
    import tempfile
    out = []
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["pdfseparate", src, os.path.join(d, "p-%d.pdf")],
                       capture_output=True, timeout=120)
        for i in range(1, pages + 1):
            path = os.path.join(d, f"p-{i}.pdf")
            text = vanban(binary, path, timeout)[0] if os.path.exists(path) else ""
            out.append(words(text))
    return out


RANGE = re.compile(r"(\d+)(?:[–-](\d+))?")


def unreported(warnings, pages):
    """Pages a damaged file's warnings say something about: named ("page N: …", "pages
    N–M, K: …") or listed
    missing by the partial warning (pages N–M of T missing; K of T pages missing: the last
    K; "later ones may be missing": those after the ones found)."""
    named = set()
    for w in warnings:
        m = re.match(r"page (\d+):", w)
        if m:
            named.add(int(m.group(1)))
        m = re.match(r"pages ([\d–, -]+):", w)
        if m:
            for a, b in RANGE.findall(m.group(1)):
                named.update(range(int(a), int(b or a) + 1))
        m = re.search(r"pages ([\d–, -]+) of (\d+) missing", w)
        if m:
            for a, b in RANGE.findall(m.group(1)):
                named.update(range(int(a), int(b or a) + 1))
            continue
        m = re.search(r"(\d+) of (\d+) pages missing", w)
        if m:
            k, total = int(m.group(1)), int(m.group(2))
            named.update(range(total - k + 1, total + 1))
        m = re.search(r"(\d+) pages found, later ones may be missing", w)
        if m:
            named.update(range(int(m.group(1)) + 1, pages + 1))
    return named


def source_path(src):
    """The undamaged source; a fixture of a worktree that is gone is read from this one's
    fixtures/pdf (the set is generated from the fixtures, byte for byte)."""
    if os.path.exists(src):
        return src
    here = os.path.join(REPO, "fixtures", "pdf", os.path.basename(src))
    return here if os.path.exists(here) else src


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default="/tmp/damage")
    ap.add_argument("--bin", default="target/release/vanban")
    ap.add_argument("--timeout", type=int, default=60)
    args = ap.parse_args()
    manifest = json.load(open(os.path.join(args.dir, "manifest.json")))
    source_pages = {}
    source_out = {}
    self_ref = {}
    complete = collections.defaultdict(list)
    stats = collections.defaultdict(lambda: collections.Counter())
    recalls = collections.defaultdict(lambda: collections.defaultdict(list))
    for e in manifest:
        src = source_path(e["source"])
        if src not in source_pages:
            source_pages[src] = reference_pages(src, e["pages"])
        pw = source_pages[src]
        if src not in self_ref:
            self_ref[src] = vanban_pages(args.bin, src, e["pages"], args.timeout)
        if src not in source_out:
            # the pages each tool reads from the undamaged source (pdftotext: every page with
            # words, being the reference)
            text, _ = vanban(args.bin, src, args.timeout)
            source_out[src] = {
                "vanban": {i + 1 for i, r in enumerate(pages_out(pw, text))
                           if r is not None and r >= 0.5},
                "pdftotext": {i + 1 for i, w in enumerate(pw) if w},
            }
        kind = e["kind"]
        st = stats[kind]
        st["files"] += 1
        st["pages"] += sum(1 for w in pw if w)
        vtext, info = vanban(args.bin, e["file"], args.timeout)
        ptext = pdftotext(e["file"])
        # pages vanban reports complete (no warning names them), recall against vanban's
        # own output of the undamaged page
        # (a file that gave an error reports no page complete)
        told = unreported(info.get("warnings") or [], e["pages"])
        own = own_recall(self_ref[src], vtext) if info.get("document") else []
        for i, r in enumerate(own):
            if r is not None and i + 1 not in told:
                complete[kind].append(r)
        st["panic"] += bool(info.get("panic"))
        st["over"] += bool(info.get("over"))
        st["partial"] += bool(info.get("partial"))
        for who, text in (("vanban", vtext), ("pdftotext", ptext)):
            st[f"{who} files"] += bool(words(text))
            rec = pages_out(pw, text)
            got = [i for i, r in enumerate(rec) if r is not None and r >= 0.5]
            st[f"{who} files with a page out"] += bool(got)
            st[f"{who} pages"] += len(got)
            recalls[kind][who].extend(rec[i] for i in got)
            if kind == "cut":
                before = set(e.get("pages_before_cut") or [])
                st["before cut"] += len(before) if who == "vanban" else 0
                st[f"{who} before cut"] += len([i for i in got if i + 1 in before])
                # the same, of the pages before the cut the tool reads from the undamaged file
                readable = before & source_out[src][who]
                st[f"{who} readable before cut"] += len(readable)
                st[f"{who} readable before cut out"] += len([i for i in got if i + 1 in readable])
                if before:
                    st[f"{who} files with text before cut"] += any(i + 1 in before for i in got)
                    st["files with pages before cut"] += who == "vanban"
    # the reference: the same measure on the undamaged sources
    base = collections.Counter()
    base_rec = []
    for src, pw in source_pages.items():
        text, _ = vanban(args.bin, src, args.timeout)
        base["files"] += 1
        base["vanban files"] += bool(words(text))
        got = [r for r in pages_out(pw, text) if r is not None and r >= 0.5]
        base["pages"] += len(got)
        base_rec.extend(got)
    print(f"== undamaged sources: {base['files']} files, vanban files with text "
          f"{base['vanban files']}, pages out {base['pages']}, mean recall of pages out "
          f"{sum(base_rec) / max(1, len(base_rec)):.3f}")
    for kind, st in stats.items():
        print(f"== {kind}: {st['files']} files, {st['pages']} source pages with text")
        for who in ("vanban", "pdftotext"):
            r = recalls[kind][who]
            mean = sum(r) / len(r) if r else 0.0
            line = (f"  {who:9} files with text {st[f'{who} files']:4}  (with a page out "
                    f"{st[f'{who} files with a page out']:4})  pages out "
                    f"{st[f'{who} pages']:5}  mean recall of pages out {mean:.3f}")
            if kind == "cut":
                line += (f"  pages before cut out {st[f'{who} before cut']}/{st['before cut']}"
                         f"  files with a page before cut out "
                         f"{st[f'{who} files with text before cut']}/"
                         f"{st['files with pages before cut']}"
                         f"  of those it reads undamaged "
                         f"{st[f'{who} readable before cut out']}/"
                         f"{st[f'{who} readable before cut']}")
            print(line)
        print(f"  vanban: panics {st['panic']}, over budget {st['over']}, "
              f"marked partial {st['partial']}")
        c = complete[kind]
        if c:
            print(f"  vanban: pages reported complete (no warning names them) {len(c)}, "
                  f"mean recall against its own output of the undamaged page "
                  f"{sum(c) / len(c):.3f}, at least 0.95: {sum(r >= 0.95 for r in c)}")


if __name__ == "__main__":
    main()
