//! Identities of cited documents (issue #17): `vanban extract` gives every reference the id
//! its document alone supports, `vanban audit` settles them across the corpus. Both are
//! checked against the hand-read truth in `fixtures/identity/truth.tsv`.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;
use common::{root, scratch, stderr, vanban};

const DIR: &str = "fixtures/identity";

struct Truth {
    file: String,
    number: String,
    own_id: String,
    /// The cited document, or None when open.
    settled: Option<String>,
    candidates: Vec<String>,
}

fn truth() -> Vec<Truth> {
    let text = std::fs::read_to_string(root().join(DIR).join("truth.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 4, "{l}");
            let (settled, candidates) = match c[3].strip_prefix("open:") {
                Some(rest) => (None, rest.split(';').map(String::from).collect()),
                None => (Some(c[3].to_string()), Vec::new()),
            };
            Truth {
                file: c[0].into(),
                number: c[1].into(),
                own_id: c[2].into(),
                settled,
                candidates,
            }
        })
        .collect()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_reference_gets_the_id_its_document_gives() {
    let truth = truth();
    let files: BTreeSet<&str> = truth.iter().map(|t| t.file.as_str()).collect();
    let mut numbered = 0;
    for f in files {
        let path = format!("{DIR}/{f}");
        let r = vanban(&["extract", &path]);
        assert_eq!(r.status.code(), Some(0), "{f}: {}", stderr(&r));
        let doc = json(&r);
        assert!(doc["id"].is_string(), "{f}: no document id");
        let mut got: Vec<(String, String, bool)> = doc["references"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["number"].is_string())
            .map(|r| {
                (
                    r["number"].as_str().unwrap().to_string(),
                    r["id"].as_str().unwrap().to_string(),
                    r["ambiguous"].as_bool().unwrap(),
                )
            })
            .collect();
        got.sort();
        let mut want: Vec<(String, String, bool)> = truth
            .iter()
            .filter(|t| t.file == f)
            .map(|t| (t.number.clone(), t.own_id.clone(), !t.own_id.contains('@')))
            .collect();
        want.sort();
        numbered += want.len();
        assert_eq!(got, want, "{f}");
    }
    assert_eq!(numbered, 15);
}

#[test]
fn the_audit_keeps_colliding_numbers_apart_exactly() {
    let truth = truth();
    let report = scratch("identity", "audit");
    let r = vanban(&["audit", DIR, "-o", report.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let audit: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report.join("audit.json")).unwrap()).unwrap();

    // The column each (file, reference) should be in: the settled document, or for an
    // open one its own (undated) id.
    let mut want: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in &truth {
        let col = t.settled.clone().unwrap_or_else(|| t.own_id.clone());
        want.entry(t.file.clone()).or_default().insert(col);
    }
    let want_columns: BTreeSet<String> = want.values().flatten().cloned().collect();
    let columns: BTreeSet<String> = audit["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(columns, want_columns);

    let mut wrong = 0;
    for d in audit["documents"].as_array().unwrap() {
        let path = d["path"].as_str().unwrap();
        let file = Path::new(path).file_name().unwrap().to_str().unwrap();
        let got: BTreeSet<String> = d["citations"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let w = want.get(file).cloned().unwrap_or_default();
        wrong += got.symmetric_difference(&w).count();
        assert_eq!(got, w, "{file}");
    }
    assert_eq!(wrong, 0);

    // Labels carry number, date and subject.
    let labels: Vec<&str> = audit["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    for l in [
        "20-NQ/TW (16/6/2022) kinh tế tập thể",
        "20-NQ/TW (25/10/2017) sức khỏe nhân dân",
        "20-NQ/TW (28/1/2008) giai cấp công nhân Việt Nam",
        "15/KH-UBND Kon Tum (15/3/2023)",
        "15/KH-UBND Quảng Nam (15/3/2023)",
    ] {
        assert!(labels.contains(&l), "no label {l} in {labels:?}");
    }

    // documents.csv: open ones flagged with their candidates.
    let mut rd = csv::Reader::from_path(report.join("documents.csv")).unwrap();
    let head = rd.headers().unwrap().clone();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    for t in truth.iter().filter(|t| t.settled.is_none()) {
        let row = rows
            .iter()
            .find(|r| &r[col("id")] == t.own_id.as_str())
            .unwrap_or_else(|| panic!("no documents.csv row {}", t.own_id));
        assert_eq!(&row[col("ambiguous")], "true");
        let got: BTreeSet<&str> = row[col("candidates")].split("; ").collect();
        let want: BTreeSet<&str> = t.candidates.iter().map(String::as_str).collect();
        assert_eq!(got, want, "{}", t.own_id);
    }
    let the_2022 = rows
        .iter()
        .find(|r| &r[col("id")] == "20-NQ/TW@2022-06-16")
        .unwrap();
    // cited by the Quảng Nam plan, its report (by the term) — one province
    assert_eq!(&the_2022[col("documents")], "2");
    assert_eq!(&the_2022[col("provinces")], "1");
    assert_eq!(&the_2022[col("ambiguous")], "false");
}

#[test]
fn resolutions_take_ids_and_refuse_a_number_naming_several_documents() {
    let report = scratch("identity", "fixed");
    let r = vanban(&[
        "audit",
        DIR,
        "-o",
        report.to_str().unwrap(),
        "--resolutions",
        "20-NQ/TW",
    ]);
    assert_eq!(r.status.code(), Some(2));
    let err = stderr(&r);
    for id in [
        "20-NQ/TW@2008-01-28",
        "20-NQ/TW@2017-10-25",
        "20-NQ/TW@2022-06-16",
    ] {
        assert!(err.contains(id), "{err}");
    }

    let r = vanban(&[
        "audit",
        DIR,
        "-o",
        report.to_str().unwrap(),
        "--resolutions",
        "20-NQ/TW@2022,1092/QĐ-TTg",
    ]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let mut rd = csv::Reader::from_path(report.join("citations.csv")).unwrap();
    let head: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        head[6..],
        [
            "20-NQ/TW (16/6/2022) kinh tế tập thể".to_string(),
            "1092/QĐ-TTg (2/9/2018) Chương trình Sức khỏe Việt Nam".into()
        ]
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    let cell = |file: &str| {
        rows.iter()
            .find(|r| r[5].ends_with(file))
            .map(|r| r[6].to_string())
            .unwrap()
    };
    assert_eq!(cell("quang-nam-ke-hoach-15-kh-ubnd-2023.txt"), "implements");
    assert_eq!(cell("quang-nam-bao-cao-120-bc-ubnd-2023.txt"), "cites");
    // the 2017 resolution of the same number is not the 2022 one
    assert_eq!(cell("kon-tum-ke-hoach-15-kh-ubnd-2023.txt"), "—");
}
