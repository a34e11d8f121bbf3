//! Is a page's text layer readable Vietnamese?
//!
//! Scans run through an English OCR engine carry a text layer with the diacritics gone and
//! letters misread ("CQNG HOA XA HQI CHU NGHIA VIET NAM / DQc l$p - Tg do"); a font whose
//! codes could not be mapped gives Cyrillic or symbols. Such a layer is worse than none
//! where the page's image can be read: a page that fails is treated as an image page (OCR
//! can read it) instead of emitted as text. (An invisible OCR layer with no image under it
//! is the only record of its page: the reader keeps it, with a warning.)
//!
//! A page is judged on its words (runs of letters): the share that are well-formed
//! Vietnamese syllables (initial consonant, vowel nucleus, final consonant, at most one
//! tone mark; an upper-case word that is not one is an abbreviation and not counted), the
//! share that carry a Vietnamese diacritic (in real text most do; English
//! OCR drops them all), and the share of characters no Vietnamese text is written in. A
//! page with few letters (a signature page, a table of numbers) is not judged.

use unicode_normalization::UnicodeNormalization;

/// Fewer letters than this: too little text to judge; the page passes.
const MIN_LETTERS: usize = 200;
/// Fewer words than this: too little text to judge.
const MIN_WORDS: usize = 40;
/// Least share of words that are Vietnamese syllables.
const MIN_SYLLABLES: f64 = 0.5;
/// Least share of words with a Vietnamese diacritic (letters with a tone mark, a
/// circumflex, breve or horn, or đ). Running Vietnamese prose has well over half.
const MIN_MARKED: f64 = 0.2;
/// Least share of words with a letter outside Latin-1 that only Vietnamese writes (đ, ơ,
/// ư, ă, ĩ, ũ, ạ, ả, ế …) in a text layer over a scan. Running Vietnamese has about half
/// (0.47–0.62 on the real PDFs and the corpus, page by page); an English OCR engine knows
/// the Latin-1 accents (é, à, ô) it puts on Vietnamese words ("hudéng dan vé cong tac")
/// but none of these: 0. See [`lacks_vietnamese_letters`].
const MIN_VIETNAMESE_ONLY: f64 = 0.1;
/// Most share of characters (not spaces) that no Vietnamese text uses.
pub(crate) const MAX_ODD: f64 = 0.1;
/// Share of words with a Latin-1 character that is no Vietnamese letter (TCVN3 "Thùc
/// hiÖn", VNI "Thöïc hieän") from which a page is text typed in a legacy 8-bit font: the
/// reader converts it after extraction, so it is not judged here.
const LEGACY: f64 = 0.15;

/// The measures behind a verdict.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    pub letters: usize,
    pub words: usize,
    /// Share of words that are Vietnamese syllables.
    pub syllables: f64,
    /// Share of words with a Vietnamese diacritic.
    pub marked: f64,
    /// Share of words with a letter outside Latin-1 only Vietnamese writes.
    pub vietnamese_only: f64,
    /// Whether there was enough text to judge.
    pub judged: bool,
    /// Share of non-space characters that are neither letters, digits nor usual punctuation.
    pub odd: f64,
    /// Share of words with a Latin-1 character that is no Vietnamese letter.
    pub legacy: f64,
    pub readable: bool,
}

/// Judge a page's text.
pub(crate) fn assess(text: &str) -> Verdict {
    let mut letters = 0usize;
    let mut chars = 0usize;
    let mut odd = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        chars += 1;
        if c.is_alphabetic() {
            letters += 1;
        }
        if is_odd(c) {
            odd += 1;
        }
    }
    let mut words = 0usize;
    let mut syllables = 0usize;
    let mut marked = 0usize;
    let mut vi_only = 0usize;
    let (mut tokens, mut legacy) = (0usize, 0usize);
    for t in text.split_whitespace() {
        tokens += 1;
        if t.chars().any(is_legacy_char) {
            legacy += 1;
        }
    }
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let lower: String = w.nfc().flat_map(char::to_lowercase).collect();
        let syllable = is_syllable(&lower);
        if !syllable && !w.chars().any(char::is_lowercase) {
            continue; // an abbreviation (UBND, ĐVT, TTr) says nothing either way
        }
        words += 1;
        if syllable {
            syllables += 1;
        }
        if lower.chars().any(is_marked) {
            marked += 1;
        }
        if lower.chars().any(is_vietnamese_beyond_latin1) {
            vi_only += 1;
        }
    }
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let (syl, mark, odd_share) = (
        share(syllables, words),
        share(marked, words),
        share(odd, chars),
    );
    let legacy = share(legacy, tokens);
    let vietnamese_only = share(vi_only, words);
    let judged = letters >= MIN_LETTERS && words >= MIN_WORDS && legacy < LEGACY;
    let readable = !judged || (syl >= MIN_SYLLABLES && mark >= MIN_MARKED && odd_share <= MAX_ODD);
    Verdict {
        letters,
        words,
        syllables: syl,
        marked: mark,
        vietnamese_only,
        judged,
        odd: odd_share,
        legacy,
        readable,
    }
}

/// Whether a judged text has hardly a word with a letter only Vietnamese writes beyond
/// Latin-1: what an English OCR engine makes of a Vietnamese page. Asked of a text layer
/// over a scan, which the page's image can replace; a layer with no image under it that
/// lacks them (a font that lost those letters: "k t qu th c hi n") is still the only text
/// there is, judged by [`assess`] alone.
pub(crate) fn lacks_vietnamese_letters(v: &Verdict) -> bool {
    v.judged && v.vietnamese_only < MIN_VIETNAMESE_ONLY
}

/// A character no Vietnamese text layer uses: symbols OCR makes of letters, Cyrillic or
/// private-use code points of a broken font map, the replacement character.
fn is_odd(c: char) -> bool {
    if c.is_alphabetic() {
        return !(c.is_ascii()
            || is_vietnamese_letter(c)
            || ('\u{00C0}'..='\u{024F}').contains(&c));
    }
    if c.is_numeric() {
        return false;
    }
    !(".,;:!?()[]\"'“”‘’-–—/%&*+=<>…§°№·•_".contains(c))
}

/// A character no Vietnamese document is typed in: what a font whose Unicode map was
/// lost or damaged draws instead of its letters (its glyph ids read as code points land in
/// Latin Extended-B, IPA, Greek, Cyrillic, arrows and technical symbols: "C⌊țȔǭȕȜʖ").
/// ASCII, the Vietnamese letters, Latin-1 and the usual typographic signs are not.
pub(crate) fn is_foreign(c: char) -> bool {
    !(c.is_ascii()
        || is_vietnamese_letter(c)
        || ('\u{00A0}'..='\u{00FF}').contains(&c)
        || "“”‘’–—…•·№≤≥±×÷‰€\u{2010}\u{2011}\u{2012}\u{2032}\u{2033}".contains(c)
        || c.is_whitespace())
}

/// A letter only Vietnamese writes among the Latin-script languages: đ, a horn (ơ ư), a
/// dot below or a hook above.
pub(crate) fn is_vietnamese_only(c: char) -> bool {
    matches!(c, 'đ' | 'Đ')
        || std::iter::once(c)
            .nfd()
            .any(|m| matches!(m, '\u{031B}' | '\u{0323}' | '\u{0309}'))
}

/// The words of a line that do not carry a foreign character ([`is_foreign`]): a line
/// drawn partly in a font whose map was lost keeps the words of its other fonts.
pub(crate) fn without_foreign_words(line: &str) -> String {
    line.split_whitespace()
        .filter(|w| !w.chars().any(is_foreign))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Latin-1 character that is no Vietnamese letter: the letters and symbols TCVN3 and
/// VNI fonts draw Vietnamese letters with.
fn is_legacy_char(c: char) -> bool {
    ('\u{00A1}'..='\u{00FF}').contains(&c) && !is_vietnamese_letter(c)
}

/// A precomposed Vietnamese letter (a tone mark, circumflex, breve, horn, or đ).
fn is_vietnamese_letter(c: char) -> bool {
    if matches!(c, 'đ' | 'Đ') {
        return true;
    }
    let mut d = std::iter::once(c).nfd();
    let base = d.next();
    base.is_some_and(|b| b.is_ascii_alphabetic())
        && d.all(|m| {
            matches!(
                m,
                '\u{0300}'
                    | '\u{0301}'
                    | '\u{0303}'
                    | '\u{0309}'
                    | '\u{0323}'
                    | '\u{0302}'
                    | '\u{0306}'
                    | '\u{031B}'
            )
        })
}

fn is_marked(c: char) -> bool {
    !c.is_ascii() && is_vietnamese_letter(c)
}

/// A Vietnamese letter with a mark that Latin-1 has not (đ, ơ, ư, ă, ĩ, ũ and the letters
/// of Latin Extended Additional: ạ, ả, ế, ộ …): what an English OCR engine never outputs.
fn is_vietnamese_beyond_latin1(c: char) -> bool {
    is_marked(c) && !('\u{00C0}'..='\u{00FF}').contains(&c)
}

/// A lower-case word that can be a Vietnamese syllable (onset, vowel cluster, coda, one tone
/// mark): the one definition the OCR post-correction uses too.
fn is_syllable(w: &str) -> bool {
    vanban_correct::is_well_formed(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECISION: &str = "Thực hiện theo Quy chế làm việc của Ủy ban nhân dân tỉnh Lào Cai \
        nhiệm kỳ 2026-2031 ban hành kèm theo Quyết định số 1522/QĐ-UBND ngày 04/5/2026, Văn \
        phòng UBND tỉnh chuyển Văn bản nêu trên đến Sở Công Thương để chủ trì, phối hợp với cơ \
        quan liên quan xem xét, giải quyết những đề nghị và các nội dung có liên quan theo đúng \
        thẩm quyền, đúng quy định của pháp luật, báo cáo UBND tỉnh theo quy định. Căn cứ Luật \
        Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; căn cứ Nghị định số \
        30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.";

    const ENGLISH_OCR: &str = "CQNG HOA XA HQI CHU NGHIA VIET NAM DQc l$p - Tg do - H4nh phuc \
        QUYET DINH Xu phat vi ph4m hanh chinh CUC TRUONG CUC HOA CHAT Can cu Luat Xu ly vi \
        ph4m hanh chinh ngay 20 thang 6 nam 2012; Luat sua d6i, b6 sung mQt s6 di6u cua Luat \
        Xu ly vi ph4m hanh chinh ngay 13 thang 11 nam 2020; Can cu Nghi djnh s6 71/2019/ND-CP \
        ngay 30 thang 8 nam 2019 cua Chinh phu quy djnh xu phat vi ph4m hanh chinh trong linh \
        vuc hoa chat va vat lieu no cong nghiep; Can cu Bien ban vi ph4m hanh chinh s6 \
        26/BB-VPHC ngay 10 thang 3 nam 2026; QUYET DINH: Dieu 1. Xu phat vi ph4m hanh chinh \
        d6i v6i Cong ty TNHH Thuong m4i Hai Dang.";

    #[test]
    fn foreign_words_are_those_a_lost_font_map_draws() {
        assert_eq!(
            without_foreign_words("IǻǭȡɜȻǭȰɥȻȴ Kho chứa vật liệu nổ “công nghiệp” – 1A."),
            "Kho chứa vật liệu nổ “công nghiệp” – 1A."
        );
        assert_eq!(without_foreign_words("C⌊țȔǭȕȜʖ ἶ⌋c Ж"), "");
        for ok in ["Ừ", "ỹ", "đ", "Ơ", "№", "°C", "½", "…"] {
            assert!(!ok.chars().any(is_foreign), "{ok}");
        }
        for c in ['đ', 'ơ', 'Ư', 'ạ', 'ẩ', 'ỷ'] {
            assert!(is_vietnamese_only(c), "{c}");
        }
        for c in ['é', 'à', 'ô', 'ñ', 'a', 'ü'] {
            assert!(!is_vietnamese_only(c), "{c}");
        }
    }

    #[test]
    fn syllables() {
        for w in [
            "nghiêng",
            "người",
            "quyết",
            "gì",
            "giải",
            "khuya",
            "ủy",
            "thường",
            "văn",
            "oanh",
            "chuyển",
            "nhiệm",
            "kỳ",
            "đường",
            "tỉnh",
            "gìn",
            "quốc",
            "hoạch",
            "yêu",
            "a",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "cqng", "hqi", "dqc", "tg", "ttr", "ubnd", "qđ", "thựcc", "áà", "bnd",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn vietnamese_prose_is_readable() {
        let v = assess(DECISION);
        assert!(v.readable, "{v:?}");
        assert!(v.syllables > 0.8 && v.marked > 0.5, "{v:?}");
    }

    #[test]
    fn english_ocr_of_vietnamese_is_not() {
        let v = assess(ENGLISH_OCR);
        assert!(!v.readable, "{v:?}");
        assert!(v.marked < 0.05, "{v:?}");
    }

    #[test]
    fn english_ocr_with_latin1_accents_is_not() {
        // Tesseract's English model on a Vietnamese page: some words get the accents
        // Latin-1 has ("hudéng", "vé", "trién"), none a letter only Vietnamese writes
        let text = "BO CONG THUONG CUC DOI MOI SANG TAO, CHUYEN DOI XANH VA KHUYEN CONG \
            V/v hudéng dan vé cong tac quan ly, phat trién cum cong nghiép Kinh gii Uy ban \
            nhan dan cac tinh, thanh phé truc thudc Trung wong Thuc hién quy dinh tai Nghi \
            dinh sé 32/2024/ND-CP ngay 15 thang 3 nam 2024 cua Chinh phu vé quan ly, phat \
            trién cum cong nghiép, Cuc Déi mdi sang tao dé nghi Uy ban nhan dan cac tinh chi \
            dao cac co quan chuyén mén thuc hién cac ndi dung sau day dé bdo cdo vé Bé Céng Thuong truéc ngay";
        let v = assess(text);
        // well-formed, marked enough: only the missing Vietnamese letters tell
        assert!(v.readable && v.marked >= MIN_MARKED, "{v:?}");
        assert!(
            lacks_vietnamese_letters(&v) && v.vietnamese_only < 0.05,
            "{v:?}"
        );
        // Vietnamese prose has about half its words with such a letter
        let v = assess(DECISION);
        assert!(
            !lacks_vietnamese_letters(&v) && v.vietnamese_only > 0.4,
            "{v:?}"
        );
        // too little text: not judged
        assert!(!lacks_vietnamese_letters(&assess(
            "CONG HOA XA HOI CHU NGHIA VIET NAM"
        )));
    }

    #[test]
    fn glyph_ids_shown_as_cyrillic_are_not() {
        // a page drawn in a font whose map gives the glyph ids, as pdftotext prints it
        let text = "Thӵc hiӋn theo Quy chӃ làm viӋc cӫa Ӫ\\ ban nhân dân WӍQK QKұQ ÿѭӧF Công YăQ \
            Vӕ 01/TTr-CT05 ngày 07/5/2026 FӫD Công ty &ә SKҫQ ÿҫX Wѭ phát WULӇQ Ĉ{ WKӏ và Khu \
            công QJKLӋS YӅ YLӋF ÿӅ QJKӏ phê GX\\ӋW SKѭѫQJ án Qә mìn WҥL Gӵ án WKӫ\\ ÿLӋQ Ngòi \
            Nhù 1A, xã &KLӅQJ Ken, WӍQK Lào Cai (J͵L kèm). VăQ phòng UBND WӍQK FKX\\ӇQ VăQ \
            EҧQ nêu WUrQ ÿӃQ 6ӣ Công 7KѭѫQJ ÿӇ FKӫ WUu SKӕL KӧS YӟL Fѫ TXDQ liên TXDQ";
        let v = assess(text);
        assert!(!v.readable, "{v:?}");
    }

    #[test]
    fn short_pages_and_numbers_are_not_judged() {
        assert!(assess("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A").readable);
        let numbers = "1 2.500 3.200 15% 4 1.200 8 TT ĐVT ha 12 15 18 20 ".repeat(30);
        assert!(assess(&numbers).readable);
        assert!(assess("").readable);
    }

    #[test]
    fn text_in_legacy_fonts_is_left_to_the_reader() {
        let tcvn3 = "Thùc hiÖn NghÞ quyÕt sè 20-NQ/TW ngµy 16/6/2022 cña Ban ChÊp hµnh Trung \
            \u{AD}¬ng §¶ng vµ NghÞ quyÕt sè 09/NQ-CP ngµy 02/02/2023 cña ChÝnh phñ, UBND tØnh ban \
            hµnh kÕ ho¹ch thùc hiÖn víi c¸c néi dung chñ yÕu sau ®©y nh»m ph¸t triÓn kinh tÕ \
            tËp thÓ, hîp t¸c x· giai ®o¹n 2024 - 2030 trªn ®Þa bµn tØnh, n©ng cao hiÖu qu¶ \
            ho¹t ®éng cña c¸c hîp t¸c x· vµ tæ hîp t¸c.";
        let v = assess(tcvn3);
        assert!(v.readable && v.legacy > 0.3, "{v:?}");
        let vni = "Thöïc hieän Nghò quyeát soá 20-NQ/TW ngaøy 16/6/2022 cuûa Ban Chaáp haønh \
            Trung öông Ñaûng vaø Nghò quyeát soá 09/NQ-CP ngaøy 02/02/2023 cuûa Chính phuû, \
            UBND tænh ban haønh keá hoaïch thöïc hieän vôùi caùc noäi dung chuû yeáu sau ñaây \
            nhaèm phaùt trieån kinh teá taäp theå, hôïp taùc xaõ giai ñoaïn 2024 - 2030 treân \
            ñòa baøn tænh, naâng cao hieäu quaû hoaït ñoäng cuûa caùc hôïp taùc xaõ.";
        let v = assess(vni);
        assert!(v.readable && v.legacy > 0.3, "{v:?}");
        // real Vietnamese with a few « » ° § stays judged
        assert!(assess(DECISION).legacy < 0.05);
    }

    #[test]
    fn partly_broken_text_that_is_mostly_vietnamese_passes() {
        // a few words of an unrecovered font among readable text
        let text = format!("{DECISION} WӍQK QKұQ ÿѭӧF 7KѭѫQJ {DECISION}");
        assert!(assess(&text).readable);
    }
}
