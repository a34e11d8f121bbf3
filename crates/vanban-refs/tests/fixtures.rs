//! Fixture documents with phrasings the corpus lacks: a provincial decision (laws with
//! numbers, ministry and joint circulars, an HĐND resolution with an alias), a Party
//! action programme (two different 20-NQ/TW, a provincial 20-NQ/TU, short forms bound
//! by aliases) and a department report (công văn, hướng dẫn, thông báo kết luận,
//! split symbols and dates, a table).
use vanban_model::Reference;

fn by_number<'a>(refs: &'a [Reference], n: &str) -> Vec<&'a Reference> {
    refs.iter()
        .filter(|r| r.number.as_deref() == Some(n))
        .collect()
}

fn one<'a>(refs: &'a [Reference], n: &str) -> &'a Reference {
    let v = by_number(refs, n);
    assert_eq!(v.len(), 1, "{n}: {v:#?}");
    v[0]
}

fn mention_texts(text: &str, r: &Reference) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    r.mentions
        .iter()
        .map(|m| chars[m.start..m.end].iter().collect())
        .collect()
}

#[test]
fn provincial_decision() {
    let text = include_str!("../../../fixtures/refs/quyet-dinh-ubnd-tinh.txt");
    let out = vanban_refs::extract(text, Some("15/2024/QĐ-UBND"));
    let refs = &out.references;
    assert!(
        by_number(refs, "15/2024/QĐ-UBND").is_empty(),
        "own number is not a reference"
    );

    let law = one(refs, "17/2023/QH15");
    assert_eq!(law.kind.as_deref(), Some("Luật"));
    assert_eq!(law.date.as_deref(), Some("2023-06-20"));
    assert_eq!(law.issuer.as_deref(), Some("Quốc hội"));
    assert_eq!(law.relation, "basis");
    assert_eq!(
        mention_texts(text, law),
        [
            "Luật Hợp tác xã số 17/2023/QH15",
            "Luật Hợp tác xã năm 2023"
        ]
    );

    let nd = one(refs, "45/2021/NĐ-CP");
    assert_eq!(
        (nd.kind.as_deref(), nd.date.as_deref(), nd.issuer.as_deref()),
        (Some("Nghị định"), Some("2021-03-31"), Some("Chính phủ"))
    );
    assert!(nd
        .title
        .as_deref()
        .unwrap()
        .starts_with("về việc thành lập"));

    let tt = one(refs, "28/2018/TT-BTC");
    assert_eq!(tt.issuer.as_deref(), Some("Bộ trưởng Bộ Tài chính"));
    assert_eq!(tt.relation, "basis");

    let ttlt = one(refs, "04/2015/TTLT-BKHĐT-BTC-BNV");
    assert_eq!(ttlt.kind.as_deref(), Some("Thông tư liên tịch"));
    assert_eq!(ttlt.date.as_deref(), Some("2015-05-26"));
    assert_eq!(
        ttlt.issuer.as_deref(),
        Some("Bộ Kế hoạch và Đầu tư, Bộ Tài chính, Bộ Nội vụ")
    );

    let hdnd = one(refs, "25/2023/NQ-HĐND");
    assert_eq!(
        hdnd.issuer.as_deref(),
        Some("Hội đồng nhân dân tỉnh Nghệ An")
    );
    assert_eq!(
        mention_texts(text, hdnd),
        [
            "Nghị quyết số 25/2023/NQ-HĐND",
            "Nghị quyết 25",
            "Nghị quyết 25"
        ]
    );

    let ttr = one(refs, "1234/TTr-SKHĐT");
    assert_eq!(
        (ttr.kind.as_deref(), ttr.relation.as_str()),
        (Some("Tờ trình"), "cites")
    );

    let old = one(refs, "38/2019/QĐ-UBND");
    assert_eq!(old.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Nghệ An"));
    assert_eq!(old.relation, "cites");

    let named: Vec<&str> = refs
        .iter()
        .filter(|r| r.number.is_none())
        .filter_map(|r| r.name.as_deref())
        .collect();
    assert_eq!(
        named,
        [
            "Luật Tổ chức chính quyền địa phương",
            "Luật Ngân sách nhà nước"
        ]
    );
    let lg = refs
        .iter()
        .find(|r| r.name.as_deref() == Some("Luật Tổ chức chính quyền địa phương"))
        .unwrap();
    assert_eq!(
        (lg.date.as_deref(), lg.relation.as_str()),
        (Some("2015-06-19"), "basis")
    );

    // phone numbers, "70% - 85%", "2021-2025", "Điều 5" are not references
    assert_eq!(refs.len(), 9, "{refs:#?}");
}

#[test]
fn party_programme() {
    let text = include_str!("../../../fixtures/refs/chuong-trinh-tinh-uy.txt");
    let out = vanban_refs::extract(text, None);
    let refs = &out.references;
    assert!(
        by_number(refs, "15-CTr/TU").is_empty(),
        "the 'Số' header is the own number"
    );

    let twenty = by_number(refs, "20-NQ/TW");
    assert_eq!(twenty.len(), 2, "two different 20-NQ/TW (2022 and 2017)");
    let new = twenty
        .iter()
        .find(|r| r.date.as_deref() == Some("2022-06-16"))
        .unwrap();
    let old = twenty
        .iter()
        .find(|r| r.date.as_deref() == Some("2017-10-25"))
        .unwrap();
    assert_eq!(new.relation, "implements");
    assert_eq!(new.issuer.as_deref(), Some("Ban Chấp hành Trung ương Đảng"));
    assert_eq!(new.title.as_deref(), Some("về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới"));
    // title, preamble, the alias, and two later "Nghị quyết 20" (one after the 2017 one)
    assert_eq!(new.mentions.len(), 5, "{:?}", mention_texts(text, new));
    assert_eq!(old.mentions.len(), 1);
    assert_eq!(old.relation, "cites");

    let tu = one(refs, "20-NQ/TU");
    assert_eq!(
        (tu.date.as_deref(), tu.issuer.as_deref()),
        (Some("2022-07-25"), Some("Tỉnh ủy"))
    );

    let kl = one(refs, "70-KL/TW");
    assert_eq!(kl.issuer.as_deref(), Some("Bộ Chính trị"));

    let qd = one(refs, "06/QĐ-TTg");
    assert_eq!(
        mention_texts(text, qd),
        ["Quyết định số 06/QĐ-TTg", "Đề án 06", "Đề án 06"]
    );
    assert_eq!(qd.relation, "cites");

    let ct = one(refs, "05-CT/TW");
    assert_eq!(ct.kind.as_deref(), Some("Chỉ thị"));

    let dh = refs.iter().find(|r| r.number.is_none()).unwrap();
    assert_eq!(
        dh.name.as_deref(),
        Some("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XXII")
    );
    assert_eq!(refs.len(), 7, "{refs:#?}");
}

#[test]
fn department_report() {
    let text = include_str!("../../../fixtures/refs/bao-cao-so-nganh.md");
    let out = vanban_refs::extract(text, Some("567/BC-SNN"));
    let refs = &out.references;

    let kh = one(refs, "251/KH-UBND");
    assert_eq!(kh.date.as_deref(), Some("2023-10-20"));
    assert_eq!(kh.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh"));
    assert_eq!(kh.mentions.len(), 2);
    assert_eq!(kh.relation, "implements", "named in the title");

    let cv = one(refs, "1234/UBND-KT");
    assert_eq!(
        (cv.kind.as_deref(), cv.date.as_deref(), cv.relation.as_str()),
        (Some("Công văn"), Some("2024-02-02"), "implements")
    );

    let hd = one(refs, "12-HD/BTGTW");
    assert_eq!(
        (hd.kind.as_deref(), hd.issuer.as_deref()),
        (Some("Hướng dẫn"), Some("Ban Tuyên giáo Trung ương"))
    );
    let tb = one(refs, "123-TB/TU");
    assert_eq!(
        (tb.kind.as_deref(), tb.date.as_deref()),
        (Some("Thông báo kết luận"), Some("2022-09-05"))
    );
    assert_eq!(tb.issuer.as_deref(), Some("Ban Thường vụ Tỉnh ủy"));

    let ct = one(refs, "06/CT-TTg");
    assert_eq!(ct.date.as_deref(), Some("2019-03-12"));
    assert_eq!(ct.relation, "cites", "in the body, not the preamble");

    let tt = one(refs, "09/2024/TT-BNNPTNT");
    assert_eq!(
        tt.issuer.as_deref(),
        Some("Bộ Nông nghiệp và Phát triển nông thôn")
    );
    assert_eq!(tt.date, None);

    // table cells
    assert_eq!(one(refs, "09/NQ-CP").issuer.as_deref(), Some("Chính phủ"));
    assert_eq!(one(refs, "340/QĐ-TTg").kind.as_deref(), Some("Quyết định"));
    assert_eq!(refs.len(), 8, "{refs:#?}");
    for r in refs {
        assert!(!vanban_refs::format_line(r).is_empty());
    }
}
