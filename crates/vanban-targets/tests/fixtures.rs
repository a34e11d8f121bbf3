//! Integration tests: fixture texts with phrasings the corpus lacks (fixtures/targets/*),
//! each with a `.expected` list of (year, comparator, value, value_max, unit, source), and
//! the corpus plans as crude-normalized text (lines trimmed, blank lines dropped).

use vanban_model::{NormalizedDocument, Target};

fn crude(raw: &str) -> NormalizedDocument {
    let text: String = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    NormalizedDocument {
        text,
        ..Default::default()
    }
}

fn row(t: &Target) -> String {
    let year = t.year.map_or("-".to_string(), |y| y.to_string());
    let max = t.value_max.map_or("-".to_string(), |m| m.to_string());
    format!(
        "{year}\t{}\t{}\t{max}\t{}\t{}",
        t.comparator,
        t.value,
        t.unit.as_deref().unwrap_or("-"),
        t.source
    )
}

fn check(text: &str, expected: &str) {
    let doc = crude(text);
    let got: Vec<String> = vanban_targets::extract(&doc).iter().map(row).collect();
    let want: Vec<String> = expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(
        got,
        want,
        "\n got:\n{}\nwant:\n{}",
        got.join("\n"),
        want.join("\n")
    );
    // every span lies in the text and covers the number read
    let chars: Vec<char> = doc.text.chars().collect();
    for t in vanban_targets::extract(&doc) {
        assert!(t.start < t.end && t.end <= chars.len(), "{t:?}");
    }
}

#[test]
fn plan_with_rates_floors_ceilings_and_words() {
    check(
        include_str!("../../../fixtures/targets/ke-hoach-nong-nghiep.txt"),
        include_str!("../../../fixtures/targets/ke-hoach-nong-nghiep.expected"),
    );
}

#[test]
fn report_keeps_goals_and_drops_results() {
    check(
        include_str!("../../../fixtures/targets/bao-cao-ket-qua.txt"),
        include_str!("../../../fixtures/targets/bao-cao-ket-qua.expected"),
    );
}

#[test]
fn indicator_table_with_year_columns() {
    check(
        include_str!("../../../fixtures/targets/bang-chi-tieu.md"),
        include_str!("../../../fixtures/targets/bang-chi-tieu.expected"),
    );
}

#[test]
fn goals_in_running_prose() {
    check(
        include_str!("../../../fixtures/targets/cau-van-xuoi.txt"),
        include_str!("../../../fixtures/targets/cau-van-xuoi.expected"),
    );
}

#[test]
fn corpus_plan_kien_giang() {
    let doc = crude(include_str!(
        "../../../corpus/kien-giang-251-kh-ubnd-2023.md"
    ));
    let ts = vanban_targets::extract(&doc);
    let text: Vec<&Target> = ts.iter().filter(|t| t.source == "text").collect();
    assert_eq!(text.len(), 28);
    assert_eq!(ts.iter().filter(|t| t.source == "table").count(), 28);
    assert!(text
        .iter()
        .all(|t| matches!(t.year, Some(2030) | Some(2045))));
    let zero = text.iter().find(|t| t.value == 0.0).expect("zero goal");
    assert_eq!(
        (zero.unit.as_deref(), zero.comparator.as_str(), zero.year),
        (Some("hợp tác xã"), "eq", Some(2045))
    );
}

#[test]
fn corpus_report_has_no_targets() {
    let doc = crude(include_str!(
        "../../../corpus/kon-tum-phu-luc-iv-bao-cao-784-kh-ubnd.txt"
    ));
    assert!(vanban_targets::extract(&doc).is_empty());
}

#[test]
fn corpus_plan_dak_lak_wrapped_lines() {
    let doc = crude(include_str!(
        "../../../corpus/dak-lak-ke-hoach-70-kl-tw-2020.txt"
    ));
    let got: Vec<(f64, Option<i32>, String)> = vanban_targets::extract(&doc)
        .iter()
        .map(|t| (t.value, t.year, t.comparator.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (80.0, Some(2025), "eq".to_string()),
            (50.0, Some(2025), "eq".to_string()),
            (90.0, Some(2030), "eq".to_string()),
            (70.0, Some(2030), "eq".to_string()),
            (30.0, None, "min".to_string()),
        ]
    );
}

#[test]
fn resolution_with_label_headings_and_articles() {
    check(
        include_str!("../../../fixtures/targets/nghi-quyet-nhan-luc.txt"),
        include_str!("../../../fixtures/targets/nghi-quyet-nhan-luc.expected"),
    );
}

#[test]
fn socio_economic_indicators() {
    check(
        include_str!("../../../fixtures/targets/chi-tieu-kinh-te-xa-hoi.txt"),
        include_str!("../../../fixtures/targets/chi-tieu-kinh-te-xa-hoi.expected"),
    );
}
