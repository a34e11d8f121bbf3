//! National documents (issue 14) through the whole pipeline, as typed text, as PDF and as
//! pdftotext's text of the PDF: each reference of the hand-made gold
//! (fixtures/national/gold) is found with its number or name and its mention count, and the
//! header gives the gold's number, kind, issuer and date.
use serde_json::Value;
use vanban_tests::repo_path;

fn process(rel: &str) -> vanban_model::Document {
    let bytes = std::fs::read(repo_path(rel)).expect("fixture");
    vanban_core::process(&bytes, rel, &Default::default()).expect("processed")
}

fn gold(rel: &str) -> Value {
    let text = std::fs::read_to_string(repo_path(rel)).expect("gold");
    serde_json::from_str(&text).expect("gold json")
}

fn key(n: &str) -> String {
    n.trim_start_matches('0').to_uppercase()
}

#[test]
fn national_documents_match_their_gold() {
    let dir = repo_path("fixtures/national/gold");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("gold dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 30, "ten documents, three inputs each");
    for name in names {
        let stem = name.trim_end_matches(".json");
        let input = match stem.rsplit_once('.') {
            Some((doc, "pdftotext")) => format!("fixtures/national/{doc}.pdftotext.txt"),
            Some((doc, ext)) => format!("fixtures/national/{doc}.{ext}"),
            None => panic!("{name}"),
        };
        let g = gold(&format!("fixtures/national/gold/{name}"));
        let d = process(&input);
        let m = &g["metadata"];
        assert_eq!(
            d.metadata.doc_number.as_deref(),
            m["doc_number"].as_str(),
            "{input}"
        );
        assert_eq!(
            d.metadata.doc_type.as_deref(),
            m["doc_type"].as_str(),
            "{input}"
        );
        assert_eq!(d.metadata.date.as_deref(), m["date"].as_str(), "{input}");
        for r in g["references"].as_array().expect("references") {
            let want = r["mention_count"].as_u64().expect("mention_count") as usize;
            let got = match r["number"].as_str() {
                Some(n) => d
                    .references
                    .iter()
                    .find(|p| p.number.as_deref().map(key) == Some(key(n))),
                None => d.references.iter().find(|p| {
                    p.number.is_none()
                        && p.name
                            .as_deref()
                            .is_some_and(|x| x.starts_with(r["name"].as_str().expect("name")))
                }),
            };
            let got = got.unwrap_or_else(|| panic!("{input}: {r} not found"));
            assert_eq!(got.mentions.len(), want, "{input}: {r}");
            // a law cited by name alone: the version the gold gives, or none
            let resolved = got
                .resolved
                .as_ref()
                .map(|x| (x.number.as_deref(), x.date.as_deref()));
            let want = r
                .get("resolved")
                .map(|x| (x["number"].as_str(), x["date"].as_str()));
            assert_eq!(resolved, want, "{input}: {r}");
        }
        assert_eq!(
            d.references.len(),
            g["references"].as_array().map_or(0, Vec::len),
            "{input}: no other reference"
        );
    }
}

fn process_text(name: &str, text: &str) -> vanban_model::Document {
    vanban_core::process(text.as_bytes(), name, &Default::default()).expect("processed")
}

/// A provincial plan citing the cooperative law by name alone: the version passed by the
/// plan's date; a year in a name picks that year's version; a bill ("dự thảo Luật …") is no version.
#[test]
fn a_provincial_plan_citing_a_law_by_name() {
    let plan = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 45/KH-UBND\n\
                Quảng Nam, ngày 10 tháng 5 năm 2024\nKẾ HOẠCH\n\
                Phát triển kinh tế tập thể, hợp tác xã năm 2024\n\
                1. Tuyên truyền, phổ biến Luật Hợp tác xã đến các hợp tác xã trên địa bàn tỉnh.\n\
                2. Rà soát đất do hợp tác xã sử dụng từ khi thi hành Luật Đất đai năm 2013.\n\
                3. Góp ý dự án Luật Bảo hiểm xã hội theo đề nghị của Bộ Lao động - Thương binh và Xã hội.\n";
    let d = process_text("ke-hoach.txt", plan);
    assert_eq!(d.metadata.date.as_deref(), Some("2024-05-10"));
    let by_name = |n: &str| {
        d.references
            .iter()
            .find(|r| r.name.as_deref() == Some(n))
            .unwrap_or_else(|| panic!("{n} not found: {:?}", d.references))
    };
    let htx = by_name("Luật Hợp tác xã");
    assert_eq!(htx.number, None, "the plan did not print the number");
    let r = htx.resolved.as_ref().expect("resolved");
    assert_eq!(r.number.as_deref(), Some("17/2023/QH15"));
    assert_eq!(r.date.as_deref(), Some("2023-06-20"));
    assert_eq!(r.source, "laws-table");
    assert!(r.rule.contains("2024-05-10"), "{}", r.rule);
    let land = by_name("Luật Đất đai năm 2013");
    assert_eq!(
        land.resolved.as_ref().and_then(|r| r.number.as_deref()),
        Some("45/2013/QH13")
    );
    assert_eq!(by_name("Luật Bảo hiểm xã hội").resolved, None, "a bill");
    // the field is in the JSON only when resolved
    let json = serde_json::to_value(&d).expect("json");
    let refs = json["references"].as_array().expect("references");
    assert_eq!(
        refs.iter().filter(|r| r.get("resolved").is_some()).count(),
        2
    );

    // the same plan undated: two versions of the law, none chosen
    let undated = plan.replace("Quảng Nam, ngày 10 tháng 5 năm 2024\n", "");
    let d = process_text("ke-hoach.txt", &undated);
    assert_eq!(d.metadata.date, None);
    let htx = d
        .references
        .iter()
        .find(|r| r.name.as_deref() == Some("Luật Hợp tác xã"))
        .expect("named");
    assert_eq!(htx.resolved, None);
}
