//! Own fixtures in `fixtures/meta/`: one normalized-shape text per document kind the corpus
//! lacks (Quyết định of a UBND, Báo cáo of a Sở, Nghị quyết of a HĐND, a Tỉnh ủy
//! Kết luận signed "T/M BAN THƯỜNG VỤ", a Hà Nội city plan, a PDF with merged columns, a
//! central Government resolution) and the expected metadata as JSON next to it.

use std::path::PathBuf;
use vanban_model::{Metadata, NormalizedDocument};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/meta")
}

fn norm(s: Option<&str>) -> Option<String> {
    s.map(|v| {
        v.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    })
}

#[test]
fn fixtures_match_expected_metadata() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("fixtures/meta")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 7, "fixtures missing: {names:?}");
    let mut failures = Vec::new();
    let mut checked = 0;
    for txt in &names {
        let text = std::fs::read_to_string(txt).expect("fixture text");
        let want: Metadata = serde_json::from_str(
            &std::fs::read_to_string(txt.with_extension("json")).expect("fixture json"),
        )
        .expect("fixture json parses as Metadata");
        let out = vanban_meta::extract(&NormalizedDocument {
            text,
            ..Default::default()
        });
        let got = out.metadata;
        let name = txt
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let ws = |w: &Option<vanban_model::Signer>,
                  f: fn(&vanban_model::Signer) -> Option<String>| {
            w.as_ref().and_then(f)
        };
        let fields: [(&str, Option<String>, Option<String>, bool); 11] = [
            (
                "doc_type",
                want.doc_type.clone(),
                got.doc_type.clone(),
                true,
            ),
            (
                "doc_number",
                want.doc_number.clone(),
                got.doc_number.clone(),
                false,
            ),
            ("issuer", want.issuer.clone(), got.issuer.clone(), true),
            (
                "province",
                want.province.clone(),
                got.province.clone(),
                false,
            ),
            (
                "province_2025",
                want.province_2025.clone(),
                got.province_2025.clone(),
                false,
            ),
            ("date", want.date.clone(), got.date.clone(), false),
            ("title", want.title.clone(), got.title.clone(), true),
            (
                "signer.name",
                ws(&want.signer, |s| s.name.clone()),
                ws(&got.signer, |s| s.name.clone()),
                false,
            ),
            (
                "signer.position",
                ws(&want.signer, |s| s.position.clone()),
                ws(&got.signer, |s| s.position.clone()),
                false,
            ),
            ("place", want.place.clone(), got.place.clone(), false),
            (
                "recipients",
                Some(want.recipients.join(" | ")),
                Some(got.recipients.join(" | ")),
                false,
            ),
        ];
        for (field, w, g, caseless) in fields {
            checked += 1;
            let same = if caseless {
                norm(w.as_deref()) == norm(g.as_deref())
            } else {
                w == g
            };
            if !same {
                failures.push(format!("{name}: {field}: want {w:?} got {g:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} fields wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same fixtures with every header and title line joined into one paragraph where a
/// normalizer might join them (title lines), and with blank lines between all lines (a raw
/// PDF extraction): the result must not change.
#[test]
fn fixtures_survive_layout_variants() {
    for entry in std::fs::read_dir(fixture_dir()).expect("fixtures/meta") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|x| x.to_str()) != Some("txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("fixture");
        let base = vanban_meta::extract(&NormalizedDocument {
            text: text.clone(),
            ..Default::default()
        })
        .metadata;
        let spaced: String = text.lines().map(|l| format!("  {l}  \n\n")).collect();
        let m = vanban_meta::extract(&NormalizedDocument {
            text: spaced,
            ..Default::default()
        })
        .metadata;
        assert_eq!(m, base, "{}", path.display());
        // title lines joined: a line that starts in lower case continues the previous one
        let mut joined: Vec<String> = Vec::new();
        for l in text.lines() {
            match (joined.last_mut(), l.chars().next()) {
                (Some(prev), Some(c))
                    if c.is_lowercase() && !prev.ends_with([';', '.', ':', ',']) =>
                {
                    prev.push(' ');
                    prev.push_str(l);
                }
                _ => joined.push(l.to_string()),
            }
        }
        let m = vanban_meta::extract(&NormalizedDocument {
            text: joined.join("\n"),
            ..Default::default()
        })
        .metadata;
        assert_eq!(m.title, base.title, "{}", path.display());
        assert_eq!(m.issuer, base.issuer, "{}", path.display());
    }
}
