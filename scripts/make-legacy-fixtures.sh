#!/usr/bin/env bash
# Render the legacy-font fixtures of vanban-read: a plan typed in a TCVN3 (.VnTime) font
# and one typed in a VNI (VNI-Times) font, as PDF and DOCX, the way such files reach users:
# the document's characters are the font's codes (Latin-1 letters such as "Céng hoµ"),
# shown as Vietnamese only by the legacy font.
# Not run in CI: needs LibreOffice (`apt-get install -y libreoffice-writer-nogui`).
#
# Writes fixtures/read/legacy-{tcvn3,vni}.{pdf,docx} and .expected.txt (the Unicode text,
# one paragraph per line, NFC). Encoding tables: crates/vanban-read/data/{tcvn3,vni}.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/fixtures/read"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 - "$ROOT" "$WORK" <<'PY'
import html, os, sys, unicodedata
root, work = sys.argv[1:3]
PARAS = [
    "ỦY BAN NHÂN DÂN TỈNH AN PHÚ",
    "KẾ HOẠCH",
    "PHÁT TRIỂN KINH TẾ TẬP THỂ, HỢP TÁC XÃ GIAI ĐOẠN 2024 - 2030",
    "Thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng và Nghị quyết số 09/NQ-CP ngày 02/02/2023 của Chính phủ, UBND tỉnh ban hành kế hoạch như sau:",
    "I. MỤC TIÊU",
    "1. Phấn đấu đến năm 2025 toàn tỉnh có khoảng 120 hợp tác xã nông nghiệp, trong đó ít nhất 30% hợp tác xã ứng dụng công nghệ cao.",
    "2. Đến năm 2030 thu nhập bình quân của thành viên hợp tác xã tăng 15% so với năm 2023.",
    "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    "Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Liên minh Hợp tác xã tỉnh theo dõi, đôn đốc việc thực hiện; định kỳ báo cáo kết quả trước ngày 15 tháng 12 hằng năm.",
]
def table(name):
    m = {}
    for line in open(os.path.join(root, "crates/vanban-read/data", name + ".tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        u, code = line.rstrip("\n").split("\t")
        m[u] = code
    return m
def encode(text, m, caps_font):
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in m:
            out.append(m[c])
        elif caps_font and c.lower() in m:
            # .VnTimeH (capitals font): the lower-case code, drawn as a capital
            out.append(m[c.lower()])
        else:
            out.append(c)
    return "".join(out)
for enc in ("tcvn3", "vni"):
    m = table(enc)
    parts = []
    for p in PARAS:
        caps = p.upper() == p
        parts.append(f"<p>{html.escape(encode(p, m, enc == 'tcvn3' and caps))}</p>")
    doc = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><style>body { font-family: 'Liberation Serif'; font-size: 13pt; }"
           " p { margin: 0 0 6pt 0; }</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")
    open(os.path.join(work, f"legacy-{enc}.html"), "w", encoding="utf-8").write(doc)
    open(os.path.join(root, "fixtures/read", f"legacy-{enc}.expected.txt"), "w", encoding="utf-8").write("\n".join(PARAS) + "\n")
PY

cd "$WORK"
for enc in tcvn3 vni; do
  soffice --headless --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" "legacy-$enc.html" >/dev/null 2>&1
  soffice --headless --convert-to pdf "legacy-$enc.docx" >/dev/null 2>&1
  cp "legacy-$enc.docx" "legacy-$enc.pdf" "$OUT/"
  echo "rendered legacy-$enc"
done
