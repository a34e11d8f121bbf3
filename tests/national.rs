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
    assert_eq!(names.len(), 21, "seven documents, three inputs each");
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
        }
        assert_eq!(
            d.references.len(),
            g["references"].as_array().map_or(0, Vec::len),
            "{input}: no other reference"
        );
    }
}
