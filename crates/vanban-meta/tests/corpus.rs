//! Metadata of the real corpus documents, with the text shaped the way the normalizer
//! delivers it (trimmed lines, blank lines dropped; PDF line wraps possibly still there).

use vanban_meta::extract;
use vanban_model::NormalizedDocument;

fn load(name: &str) -> NormalizedDocument {
    let path = format!("{}/../../corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    NormalizedDocument {
        text: text.join("\n"),
        ..Default::default()
    }
}

struct Want {
    file: &'static str,
    doc_type: Option<&'static str>,
    number: Option<&'static str>,
    issuer: Option<&'static str>,
    province: Option<&'static str>,
    province_2025: Option<&'static str>,
    date: Option<&'static str>,
    title_starts: Option<&'static str>,
    signer: (Option<&'static str>, Option<&'static str>),
    recipients: usize,
}

#[test]
fn corpus_metadata() {
    let wants = [
        Want {
            file: "kien-giang-251-kh-ubnd-2023.md",
            doc_type: Some("Kế hoạch"),
            number: Some("251/KH-UBND"),
            issuer: Some("Ủy ban nhân dân tỉnh Kiên Giang"),
            province: Some("Kiên Giang"),
            province_2025: Some("An Giang"),
            date: Some("2023-10-20"),
            title_starts: Some("Về việc tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới"),
            signer: (Some("Lê Quốc Anh"), Some("Phó Chủ tịch")),
            recipients: 8,
        },
        Want {
            file: "dak-lak-ke-hoach-70-kl-tw-2020.txt",
            doc_type: Some("Kế hoạch"),
            number: None,
            issuer: Some("Ủy ban nhân dân tỉnh Đắk Lắk"),
            province: Some("Đắk Lắk"),
            province_2025: Some("Đắk Lắk"),
            date: None,
            title_starts: Some("Triển khai thực hiện Kết luận số 70-KL/TW ngày 09/3/2020 của Bộ Chính trị"),
            signer: (Some("Y Giang Gry Niê Knơng"), Some("Phó Chủ tịch")),
            recipients: 17,
        },
        Want {
            file: "binh-dinh-ke-hoach-134-nq-cp.txt",
            doc_type: Some("Kế hoạch"),
            number: None,
            issuer: Some("Ủy ban nhân dân tỉnh Bình Định"),
            province: Some("Bình Định"),
            province_2025: Some("Gia Lai"),
            date: None,
            title_starts: Some("Thực hiện Nghị quyết số 134/NQ-CP ngày 25/9/2020 của Chính phủ ban hành"),
            signer: (Some("Nguyễn Tuấn Thanh"), Some("Phó Chủ tịch")),
            recipients: 9,
        },
        Want {
            file: "kon-tum-phu-luc-iv-bao-cao-784-kh-ubnd.txt",
            doc_type: Some("Phụ lục"),
            number: None,
            issuer: None,
            province: Some("Kon Tum"),
            province_2025: Some("Quảng Ngãi"),
            date: None,
            title_starts: Some("Báo cáo kết quả thực hiện Kế hoạch thực hiện Nghị quyết số 09/NQ-CP"),
            signer: (None, None),
            recipients: 0,
        },
        Want {
            file: "lam-dong-chuong-trinh-hanh-dong-20-nq-tw.txt",
            doc_type: Some("Chương trình hành động"),
            number: None,
            issuer: Some("Tỉnh ủy Lâm Đồng"),
            province: Some("Lâm Đồng"),
            province_2025: Some("Lâm Đồng"),
            date: None,
            title_starts: None,
            signer: (None, Some("Bí thư")),
            recipients: 9,
        },
    ];
    for w in wants {
        let out = extract(&load(w.file));
        let m = out.metadata;
        let f = w.file;
        assert_eq!(m.doc_type.as_deref(), w.doc_type, "{f} doc_type");
        assert_eq!(m.doc_number.as_deref(), w.number, "{f} doc_number");
        assert_eq!(m.issuer.as_deref(), w.issuer, "{f} issuer");
        assert_eq!(m.province.as_deref(), w.province, "{f} province");
        assert_eq!(
            m.province_2025.as_deref(),
            w.province_2025,
            "{f} province_2025"
        );
        assert_eq!(m.date.as_deref(), w.date, "{f} date");
        match (w.title_starts, m.title.as_deref()) {
            (Some(t), Some(g)) => assert!(g.starts_with(t), "{f} title {g:?}"),
            (None, None) => {}
            (t, g) => panic!("{f} title: want {t:?} got {g:?}"),
        }
        let s = m.signer.clone().unwrap_or_default();
        assert_eq!(
            (s.name.as_deref(), s.position.as_deref()),
            w.signer,
            "{f} signer"
        );
        assert_eq!(
            m.recipients.len(),
            w.recipients,
            "{f} recipients {:?}",
            m.recipients
        );
        // weak evidence is always reported
        if w.issuer.is_some() && f.starts_with("binh-dinh") {
            assert!(
                out.warnings.iter().any(|x| x.contains("issuer")),
                "{f}: {:?}",
                out.warnings
            );
        }
        if f.starts_with("kon-tum") {
            assert!(
                out.warnings.iter().any(|x| x.contains("province")),
                "{f}: {:?}",
                out.warnings
            );
        }
    }
}
