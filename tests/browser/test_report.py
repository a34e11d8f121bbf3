"""report.html of `vanban audit` in a real browser: Debian's headless Chromium driven by
Selenium through Debian's chromedriver (scripts/test-browser.sh installs both).

Expected values come from the report's sibling files and the per-document JSON written by
`vanban batch`, never from the page's own data block.
"""

import csv
import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

ROOT = Path(__file__).resolve().parents[2]
VANBAN = Path(os.environ.get("VANBAN", ROOT / "target" / "debug" / "vanban"))
# fixtures/report/escaping.json: a contract document (`vanban extract` of a short Cà Mau plan
# citing 20-NQ/TW and 09/NQ-CP) whose title was edited by hand to carry quotes, <, &,
# </script>, <b> and <!--.
INPUTS = [ROOT / "corpus", ROOT / "fixtures" / "report"]
SCREENSHOT = ROOT / "target" / "report-screenshot.png"
STRENGTH = {"implements": 3, "basis": 2, "cites": 1}


def number_key(number):
    """The audit's column matching rule (README): case, spaces, dashes, Đ/D and leading
    zeros ignored."""
    s = "".join(c for c in number if not c.isspace())
    s = s.replace("Đ", "D").replace("đ", "D")
    s = re.sub("[–—‑]", "-", s).upper()
    return re.sub(r"^0+(?=\d)", "", s)


def squash(s):
    return " ".join(s.split())


def paragraph(text, at):
    """The line of `text` (one paragraph per line in the contract) holding char `at`."""
    end = text.find("\n", at)
    return squash(text[text.rfind("\n", 0, at) + 1:end if end >= 0 else len(text)])


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    report, docs = tmp / "report", tmp / "docs"
    audit = subprocess.run(
        [str(VANBAN), "audit", *map(str, INPUTS), "-o", str(report)],
        capture_output=True,
        text=True,
    )
    assert audit.returncode == 0, audit.stderr
    batch = subprocess.run(
        [str(VANBAN), "batch", *map(str, INPUTS), "-o", str(docs)],
        capture_output=True,
        text=True,
    )
    assert batch.returncode == 0, batch.stderr
    documents = {}
    # batch converts documents; contract JSON inputs are audited as they are.
    for f in [*docs.glob("*.json"), *(ROOT / "fixtures" / "report").glob("*.json")]:
        d = json.loads(f.read_text(encoding="utf-8"))
        if "schema_version" in d:
            documents[d["source"]["path"]] = d
    with open(report / "citations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    # citations.csv is headed by column labels; the page keys its columns by id (#17)
    audit_json = json.loads((report / "audit.json").read_text(encoding="utf-8"))
    ids = {c["label"]: c["id"] for c in audit_json["columns"]}
    numbers = {c["id"]: c["number"] for c in audit_json["columns"]}
    return {"report": report, "documents": documents, "csv": rows, "ids": ids, "numbers": numbers}


@pytest.fixture(scope="module")
def expected_cells(run):
    """(province, province_2025, column) -> strongest relation, from citations.csv."""
    header, *rows = run["csv"]
    cells = {}
    for r in rows:
        for col, value in zip(header[6:], r[6:]):
            if value in ("", "—"):
                continue
            key = (r[0], r[1], run["ids"][col])
            if STRENGTH.get(value, 0) > STRENGTH.get(cells.get(key), 0):
                cells[key] = value
    return cells


@pytest.fixture(scope="module")
def driver(run):
    chromium = shutil.which("chromium")
    chromedriver = shutil.which("chromedriver")
    assert chromium and chromedriver, "scripts/test-browser.sh installs chromium and chromium-driver"
    opts = Options()
    opts.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1400,1100", "--lang=vi"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(chromedriver), options=opts)
    drv.get((run["report"] / "report.html").as_uri())
    yield drv
    drv.quit()


def visible_rows(driver):
    return [tr for tr in driver.find_elements(By.CSS_SELECTOR, "#matrix tbody tr") if tr.is_displayed()]


def row_keys(rows):
    return {(tr.get_attribute("data-province"), tr.get_attribute("data-province2025")) for tr in rows}


def column_of(driver, key):
    th = driver.find_element(By.CSS_SELECTOR, f'#matrix thead th[data-key="{key}"]')
    return th.get_attribute("data-col")


def test_01_loads_without_console_errors_or_network(driver):
    assert driver.title.startswith("Rà soát")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    # Self-contained: nothing fetched but the page itself.
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    # The script ran (it writes the status line).
    assert driver.find_element(By.ID, "status").text.startswith("Hiển thị")


def test_02_filled_cells_equal_province_citations_in_csv(driver, expected_cells):
    filled = driver.find_elements(By.CSS_SELECTOR, "#matrix td.cell.filled")
    assert len(filled) == len(expected_cells) > 0
    seen = {}
    heads = {
        th.get_attribute("data-col"): th.get_attribute("data-key")
        for th in driver.find_elements(By.CSS_SELECTOR, "#matrix thead th.colhead")
    }
    for td in filled:
        tr = td.find_element(By.XPATH, "./..")
        key = (tr.get_attribute("data-province"), tr.get_attribute("data-province2025"),
               heads[td.get_attribute("data-col")])
        seen[key] = td.get_attribute("data-rel")
    assert seen == expected_cells


def test_03_click_on_a_cell_shows_the_citing_sentences(driver, run):
    # Every filled cell of a province with documents citing 20-NQ/TW, checked against
    # the per-document JSON: which documents, and one sentence per mention, in order.
    # A column is a number, or a number@date identity (#17): match either.
    keys = [i for i, n in run["numbers"].items() if number_key(n) == number_key("20-NQ/TW")]
    # corpus/ cites one 20-NQ/TW: a reference of that number is a mention of this column
    assert len(keys) == 1, keys
    key = keys[0]
    col = column_of(driver, key)
    cells = driver.find_elements(By.CSS_SELECTOR, f'#matrix td.cell.filled[data-col="{col}"]')
    assert len(cells) >= 2
    for td in cells:
        tr = td.find_element(By.XPATH, "./..")
        province = tr.get_attribute("data-province")
        p2025 = tr.get_attribute("data-province2025")
        td.click()
        detail = driver.find_element(By.ID, "detail")
        assert province in detail.find_element(By.TAG_NAME, "h3").text
        want = {}
        for path, d in run["documents"].items():
            m = d["metadata"]
            if (m.get("province") or "") != province or (m.get("province_2025") or "") != p2025:
                continue
            text = d["text"]
            mentions = sorted(
                (mm["start"], mm["end"])
                for r in d["references"]
                if r.get("number") and number_key(r["number"]) == number_key("20-NQ/TW")
                for mm in r["mentions"]
            )
            if mentions:
                # Each mention's text and the paragraph (line) it is in.
                want[path] = [(squash(text[a:b]), paragraph(text, a)) for a, b in dict(mentions).items()]
        articles = detail.find_elements(By.CSS_SELECTOR, "article.doc")
        assert {a.get_attribute("data-path") for a in articles} == set(want)
        for a in articles:
            mentions = want[a.get_attribute("data-path")]
            items = a.find_elements(By.CSS_SELECTOR, "ol.quotes li")
            assert len(items) == len(mentions)
            for li, (mention, line) in zip(items, mentions):
                assert squash(li.find_element(By.TAG_NAME, "mark").text) == mention
                # The sentence is taken from the mention's paragraph (cut ends marked "…").
                parts = [squash(p) for p in li.text.split("…") if squash(p)]
                assert parts and all(p in line for p in parts), (li.text, line)
                assert mention in squash(li.text)


def test_04_titles_with_markup_are_text(driver, run):
    # fixtures/report/escaping.json: a title with quotes, <, & and </script>.
    tricky = next(d for d in run["documents"].values() if "</script>" in (d["metadata"].get("title") or ""))
    title = tricky["metadata"]["title"]
    tr = next(tr for tr in driver.find_elements(By.CSS_SELECTOR, "#matrix tbody tr")
              if tr.get_attribute("data-province") == tricky["metadata"]["province"])
    tr.find_element(By.CSS_SELECTOR, "td.cell.filled").click()
    titles = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "#detail p.title")]
    assert title in titles
    assert driver.find_elements(By.CSS_SELECTOR, "#detail b, #detail script") == []


def test_05_keyboard_reaches_cells_and_opens_them(driver):
    first = driver.find_element(By.CSS_SELECTOR, "#matrix td.cell.filled")
    driver.execute_script("arguments[0].focus()", first)
    outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", first)
    assert outline != "none"
    # Arrow keys move focus between cells; Enter opens a filled one.
    first.send_keys(Keys.ARROW_RIGHT)
    moved = driver.switch_to.active_element
    assert moved.get_attribute("data-col") is not None and moved != first
    moved.send_keys(Keys.ARROW_LEFT)
    back = driver.switch_to.active_element
    assert back == first
    back.send_keys(Keys.ENTER)
    assert "selected" in first.get_attribute("class")
    # Sort controls are buttons, reachable by Tab.
    assert driver.find_elements(By.CSS_SELECTOR, "#matrix thead th button")


def test_06_filters_change_the_visible_rows(driver, expected_cells):
    all_rows = row_keys(visible_rows(driver))
    assert {(p, p25) for p, p25, _ in expected_cells} <= all_rows
    total = len(all_rows)
    assert total >= 3

    province = Select(driver.find_element(By.ID, "f-province"))
    name = sorted(p for p, _ in all_rows if p)[0]
    province.select_by_value(name)
    assert row_keys(visible_rows(driver)) == {k for k in all_rows if k[0] == name}
    province.select_by_value("")

    relation = Select(driver.find_element(By.ID, "f-relation"))
    narrowed = 0
    for rel in STRENGTH:
        relation.select_by_value(rel)
        want = {(p, p25) for (p, p25, _), r in expected_cells.items() if r == rel}
        assert row_keys(visible_rows(driver)) == want, rel
        narrowed += 0 < len(want) < total
    assert narrowed > 0
    relation.select_by_value("")

    column = Select(driver.find_element(By.ID, "f-column"))
    key = max({c for _, _, c in expected_cells}, key=lambda c: sum(1 for k in expected_cells if k[2] == c))
    column.select_by_value(column_of(driver, key))
    want = {(p, p25) for (p, p25, c) in expected_cells if c == key}
    assert row_keys(visible_rows(driver)) == want
    shown = [th for th in driver.find_elements(By.CSS_SELECTOR, "#matrix thead th.colhead") if th.is_displayed()]
    assert [th.get_attribute("data-key") for th in shown] == [key]
    column.select_by_value("")

    p2025 = Select(driver.find_element(By.ID, "f-province2025"))
    merged = defaultdict(set)
    for k in all_rows:
        merged[k[1]].add(k)
    now, rows = max(merged.items(), key=lambda kv: len(kv[1]))
    p2025.select_by_value(now)
    assert row_keys(visible_rows(driver)) == rows
    driver.find_element(By.ID, "f-reset").click()
    assert len(visible_rows(driver)) == total


def test_07_sorting_by_a_column_and_by_a_row(driver, expected_cells):
    key = max({c for _, _, c in expected_cells}, key=lambda c: sum(1 for k in expected_cells if k[2] == c))
    col = column_of(driver, key)
    driver.find_element(By.CSS_SELECTOR, f'#matrix thead th[data-col="{col}"] button').click()
    rows = visible_rows(driver)
    ranks = []
    for tr in rows:
        rel = expected_cells.get((tr.get_attribute("data-province"), tr.get_attribute("data-province2025"), key))
        ranks.append(STRENGTH.get(rel, 0))
    assert ranks == sorted(ranks, reverse=True) and ranks[0] > 0
    th = driver.find_element(By.CSS_SELECTOR, f'#matrix thead th[data-col="{col}"]')
    assert th.get_attribute("aria-sort") == "descending"
    # A row header sorts the columns: that row's cited columns come first.
    last = rows[-1]
    last.find_element(By.CSS_SELECTOR, "th button").click()
    cells = last.find_elements(By.CSS_SELECTOR, "td.cell")
    filled = ["filled" in td.get_attribute("class") for td in cells]
    assert filled == sorted(filled, reverse=True) and filled[0]
    # Back to the province order.
    driver.find_element(By.CSS_SELECTOR, '#matrix thead button[data-sort="province2025"]').click()


def test_08_targets_chart_and_tasks_table(driver, run):
    report = run["report"]
    with open(report / "targets.csv", encoding="utf-8", newline="") as f:
        targets = list(csv.DictReader(f))
    with open(report / "tasks.csv", encoding="utf-8", newline="") as f:
        tasks = list(csv.DictReader(f))
    bars = driver.find_elements(By.CSS_SELECTOR, "#targets-chart g.bar text")
    assert sum(int(t.text) for t in bars) == len(targets) > 0
    counts = defaultdict(int)
    for t in tasks:
        for lead in {x.strip() for x in t["lead"].split(";") if x.strip()} or {"(không ghi cơ quan chủ trì)"}:
            counts[lead] += 1
    shown = {
        tr.find_element(By.TAG_NAME, "th").text: int(tr.find_element(By.CSS_SELECTOR, "span.num").text)
        for tr in driver.find_elements(By.CSS_SELECTOR, "#tasks tbody tr")
    }
    assert shown == dict(counts) and shown


def test_09_print_hides_controls_and_keeps_symbols(driver):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not driver.find_element(By.ID, "filters").is_displayed()
        td = driver.find_element(By.CSS_SELECTOR, "#matrix td.cell.filled")
        style = driver.execute_script(
            "var s = getComputedStyle(arguments[0]); return [s.backgroundColor, s.color];", td)
        assert style == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
        assert td.find_element(By.CSS_SELECTOR, ".sym").text in ("●", "■", "○")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_10_screenshot_and_the_console_check_is_live(driver):
    # Reloaded (the order as written), a cell open, for the screenshot.
    driver.set_window_size(1400, 1350)
    driver.refresh()
    driver.find_element(By.CSS_SELECTOR, "#matrix td.cell.filled").click()
    driver.execute_script("window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    # The log check above would see an error: prove it on a deliberate one.
    driver.execute_script("console.error('vanban-test-probe')")
    assert any("vanban-test-probe" in e["message"] for e in driver.get_log("browser"))
